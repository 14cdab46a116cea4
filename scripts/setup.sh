#!/usr/bin/env bash
# Installs the Debian 12 packages orgsim needs to build and test, only if missing.
# Run as root (or with sudo available). Used by `make demo` and `make test`.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libboost-graph-dev libeigen3-dev libgraphviz-dev libcli11-dev libyaml-dev nlohmann-json3-dev libssl-dev
  libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium
  python3-jsonschema
  # the Python module (python/) and its tests, the Dask batch and the research notebook
  python3-dev pybind11-dev python3-pybind11 python3-pytest python3-numpy python3-pandas
  python3-dask python3-distributed python3-matplotlib jupyter-nbconvert python3-nbconvert python3-ipykernel
  # pdfinfo, to check the onboarding booklet
  poppler-utils
  # cairo, for the onboarding booklet's multi-page PDF (viz/graphviz_pages.cpp)
  libcairo2-dev
  # make package: the man page from --help, and dpkg-shlibdeps for the .deb's Depends
  help2man dpkg-dev
)
# `setup.sh fuzz` (make fuzz): also clang and libFuzzer's runtime
# (libclang_rt.fuzzer-x86_64.a is in libclang-rt-14-dev).
if [ "${1:-}" = fuzz ]; then
  packages+=(clang libclang-rt-14-dev)
fi
# `setup.sh wasm` (make export-assets): Debian's emscripten 3.1.6 and the acorn it
# needs (found through NODE_PATH=/usr/share/nodejs), for the engine in WebAssembly.
if [ "${1:-}" = wasm ]; then
  packages+=(emscripten node-acorn)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# The browser assets the build embeds (uPlot, pinned in viz/web/package-lock.json).
web_dir="$(cd "$(dirname "$0")/.." && pwd)/viz/web"
# The browser test's driver (playwright-core, pinned in tests/browser/package-lock.json;
# it drives the chromium above and downloads no browser).
browser_test_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
if { [ ! -d "$web_dir/node_modules" ] || [ ! -d "$browser_test_dir/node_modules" ]; } &&
   ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
install_web_assets() {
  if [ ! -d "$web_dir/node_modules" ]; then
    echo "setup: npm ci --prefix viz/web (uPlot)" >&2
    npm ci --prefix "$web_dir" --no-audit --no-fund --ignore-scripts
  fi
  if [ ! -d "$browser_test_dir/node_modules" ]; then
    echo "setup: npm ci --prefix tests/browser (playwright-core)" >&2
    npm ci --prefix "$browser_test_dir" --no-audit --no-fund --ignore-scripts
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_web_assets
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: these Debian packages are missing and I am not root: ${missing[*]}" >&2
  echo "setup: run as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_web_assets
