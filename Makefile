# The two commands of the README's quick start: `make demo` and `make test`.
# Both install the Debian packages they need (scripts/setup.sh), then build.

BUILD ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
DEMO ?= scenarios/contact-center/slow-payments.yaml
CMAKE_FLAGS ?=

.PHONY: all setup configure build demo test check sanitize bench bench-peer bench-research format clean
.PHONY: fuzz fuzz-build fuzz-replay fuzz-ci export-assets package

all: build

setup:
	@bash scripts/setup.sh

$(BUILD)/build.ninja: | setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DORGSIM_WERROR=ON $(CMAKE_FLAGS)

configure: setup $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

DEMO_OUT ?= $(BUILD)/demo

demo: configure export-assets
	cmake --build $(BUILD) -j $(JOBS) --target orgsim
	@mkdir -p $(DEMO_OUT)
	$(BUILD)/orgsim run $(DEMO) --render $(DEMO_OUT)/impact.svg --render $(DEMO_OUT)/impact.png
	@echo "The demo's impact picture: $(DEMO_OUT)/impact.svg and $(DEMO_OUT)/impact.png"

# `make test` is what CI runs (.ci/run): the ordinary suite, the same suite under
# ASan + UBSan, and every fuzz target for FUZZ_RUNS inputs from FUZZ_SEED (a count, not
# a time, so that a faster or slower machine tries the same inputs). `make check` is
# the ordinary suite alone, for the edit-build-test loop.
test: check sanitize fuzz-ci
	@echo "make test: the suite, the suite under ASan + UBSan, and $(FUZZ_RUNS) inputs of each fuzz target all passed"

check: build export-assets package
	ORGSIM_REQUIRE_WASM=1 ORGSIM_REQUIRE_PACKAGE=1 ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The engine in WebAssembly (wasm/, docs/architecture.md): the same model/ and sim/
# sources built by Debian's emscripten in a configuration of its own (build-em), into
# one self-contained build-em/orgsim_engine.js that the exported page and node load.
# The native build never needs emscripten; `make check` tests this against it.
EM_BUILD ?= build-em

$(EM_BUILD)/build.ninja:
	@bash scripts/setup.sh wasm
	NODE_PATH=/usr/share/nodejs emcmake cmake -S . -B $(EM_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=Release -DORGSIM_WERROR=ON

export-assets: $(EM_BUILD)/build.ninja
	@bash scripts/setup.sh wasm
	NODE_PATH=/usr/share/nodejs cmake --build $(EM_BUILD) -j $(JOBS)

# The Debian package $(BUILD)/orgsim_<version>_amd64.deb (CPack DEB, cmake/packaging.cmake):
# the binary, its man page (help2man), the example scenarios, the docs and the engine
# in WebAssembly (export-assets first: `orgsim export -o x.html` uses it when installed).
package: build export-assets
	cmake --build $(BUILD) --target package

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (a separate
# build in build-asan, -O1 with asserts on; any report fails its test). Pictures are
# drawn in process there (viz/render.hpp). Leak checking is off because Graphviz 2.42
# leaks a little inside its own HTML-label code (docs/reliability.md); run one test
# program with ASAN_OPTIONS=detect_leaks=1 to check orgsim's own code for leaks.
ASAN_BUILD ?= build-asan

sanitize: setup
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" \
	  -DORGSIM_SANITIZE=ON -DORGSIM_BUILD_BENCH=OFF -DORGSIM_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# libFuzzer targets (tests/fuzz, docs/reliability.md "Fuzzing"): a separate clang build
# in build-fuzz with ASan + UBSan. `make fuzz` runs each target for FUZZ_SECONDS and
# fails on any crash, hang (10 s) or use of more than 2 GB; crashing inputs go to
# build-fuzz/artifacts/. `make fuzz-replay` only runs the corpus and the regression
# inputs through each target (the ordinary build's ctest does the same without sanitizers).
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?= 20000
FUZZ_SEED ?= 1

fuzz-build:
	@bash scripts/setup.sh fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g" -DORGSIM_FUZZ=ON -DORGSIM_BUILD_TESTS=OFF \
	  -DORGSIM_BUILD_BENCH=OFF -DORGSIM_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_targets

fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_BUILD) fuzz $(FUZZ_SECONDS)

fuzz-ci: fuzz-build
	FUZZ_SEED=$(FUZZ_SEED) bash tests/fuzz/run.sh $(FUZZ_BUILD) runs $(FUZZ_RUNS)

fuzz-replay: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_BUILD) replay

# Benchmarks (Google Benchmark); figures go to docs/performance.md. Every engine figure
# comes with "passes": its CPU time over one sparse pass of the same matrix, same run.
bench: build
	$(BUILD)/bench/orgsim_bench --benchmark_min_time=0.5
	$(BUILD)/bench/orgsim_monte_carlo_bench --benchmark_min_time=0.5
	$(BUILD)/bench/orgsim_paths_bench --benchmark_min_time=0.3

# The SciPy peer on the same generated inputs (needs python3-scipy), then the whole
# `orgsim run --static` process on a 10k-role YAML model against SciPy and the engine.
bench-peer: build
	bash bench/run_peer.sh $(BUILD)
	bash bench/end_to_end.sh $(BUILD)

# rank and batch against SciPy on generated inputs, the research issue's targets
# (docs/performance.md; 15-20 minutes; installs python3-scipy and python3-yaml).
bench-research: build
	bash bench/run_research_peer.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)
