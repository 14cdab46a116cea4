#!/usr/bin/env bash
# Checks the Debian package `make package` built (cmake/packaging.cmake), without
# installing it: dpkg-deb --info (name, version, architecture, and a declared dependency
# for every library the binary needs), dpkg-deb --contents (binary, man page, examples,
# docs), then the binary run from a tree extracted with dpkg-deb -x: --version, a bundled
# scenario, a PNG picture (Graphviz's cairo plugin, from the declared libgvc6), and
# `orgsim export -o workshop.html` with the installed WebAssembly engine (required, like
# the wasm tests, when CI or ORGSIM_REQUIRE_WASM is set).
#
#   tests/package/check_deb.sh build/orgsim_0.1.0_amd64.deb 0.1.0
#
# Exit 77 (ctest's skip) when the package was not built, unless CI or
# ORGSIM_REQUIRE_PACKAGE is set (make check builds it first and sets it).
set -euo pipefail
deb=$1
version=$2

fail() { echo "check_deb: FAIL: $*" >&2; exit 1; }
if [ ! -f "$deb" ]; then
  msg="check_deb: $deb does not exist: build it with \`make package\`"
  if [ -n "${CI:-}" ] || [ -n "${ORGSIM_REQUIRE_PACKAGE:-}" ]; then fail "${msg#check_deb: }"; fi
  echo "$msg; skipped" >&2
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/orgsim-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

info=$(dpkg-deb --info "$deb")
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = orgsim ] || fail "Package is '$(field Package)', not orgsim"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
[ "$(field Architecture)" = amd64 ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
echo "Depends: $depends"
# Every package named in Depends, without version constraints or alternatives.
declared=$(echo "$depends" | tr ',|' '\n\n' | sed -E 's/\(.*\)//; s/[[:space:]]//g' | sort -u)
# grep without -q reads to the end: see the note on SIGPIPE below.
has() { echo "$declared" | grep -x "$1" > /dev/null; }
has libgvc6 || fail "Depends lacks libgvc6 (Graphviz and its renderer plugins)"

contents=$(dpkg-deb --contents "$deb")
for path in ./usr/bin/orgsim ./usr/share/man/man1/orgsim.1.gz \
            ./usr/share/doc/orgsim/README.md ./usr/share/doc/orgsim/CHANGELOG.md \
            ./usr/share/doc/orgsim/docs/model.md \
            ./usr/share/doc/orgsim/examples/contact-center/model.yaml \
            ./usr/share/doc/orgsim/examples/contact-center/slow-payments.yaml; do
  echo "$contents" | awk '{print $6}' | grep -x "$path" > /dev/null || fail "the package lacks $path"
done
if echo "$contents" | awk '{print $6}' | grep 'dist-packages' > /dev/null; then
  fail "the package holds the Python module's files"
fi

dpkg-deb -x "$deb" "$work/root"
bin="$work/root/usr/bin/orgsim"
# Every library the binary needs comes from a package the .deb depends on.
for lib in $(readelf -d "$bin" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p'); do
  # awk reads to the end (no `exit`, no `head`): a reader that stops early makes the
  # writer die of SIGPIPE, which pipefail and set -e turn into a silent exit, now and then.
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ && !found {print $NF; found = 1}')
  [ -n "$path" ] || fail "no $lib on this machine"
  owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | awk -F: 'NR == 1 {print $1}') ||
    owner=$(dpkg -S "$path" | awk -F: 'NR == 1 {print $1}')
  has "$owner" || fail "$lib is in $owner, which Depends does not name"
done

out=$("$bin" --version)
[ "$out" = "orgsim $version" ] || fail "--version printed '$out'"
zcat "$work/root/usr/share/man/man1/orgsim.1.gz" | grep '^\.TH ORGSIM "1"' > /dev/null ||
  fail "the man page has no .TH ORGSIM 1 header"
zcat "$work/root/usr/share/man/man1/orgsim.1.gz" | grep 'orgsim run' > /dev/null ||
  fail "the man page does not show 'orgsim run'"

examples="$work/root/usr/share/doc/orgsim/examples"
"$bin" run "$examples/contact-center/slow-payments.yaml" --render "$work/impact.png" \
  > "$work/run.txt" || fail "orgsim run on the bundled scenario failed"
grep -q 'CX' "$work/run.txt" || fail "orgsim run printed no CX figures"
[ "$(head -c 8 "$work/impact.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "the picture is not a PNG"
# The engine in WebAssembly (make package builds export-assets first): the installed
# `orgsim export -o x.html` finds it beside the binary, as ../share/orgsim/, with no
# --engine and no ORGSIM_ENGINE. Without it (a package built where emscripten is not
# installed) the export must say which option gives it. The extracted binary is not in
# its build folder, so it cannot fall back to the source tree's build-em/.
engine="$work/root/usr/share/orgsim/orgsim_engine.js"
exported="the engine absent (no emscripten where the package was built)"
if echo "$contents" | awk '{print $6}' | grep -x ./usr/share/orgsim/orgsim_engine.js > /dev/null; then
  env -u ORGSIM_ENGINE "$bin" export "$examples/contact-center/slow-payments.yaml" \
    -o "$work/workshop.html" > "$work/export.txt" 2>&1 ||
    fail "orgsim export -o workshop.html without --engine failed: $(cat "$work/export.txt")"
  grep 'Wrote .*workshop.html' "$work/export.txt" > /dev/null ||
    fail "orgsim export printed: $(cat "$work/export.txt")"
  grep '<meta name="generator" content="orgsim export' "$work/workshop.html" > /dev/null ||
    fail "workshop.html is not an exported page"
  # The installed engine is inside: 2000 characters from the middle of its .wasm (the
  # base64 line, some 1 MB), which differ from one build of the engine to another.
  sample=$(awk 'length($0) > 100000 {print substr($0, int(length($0) / 2), 2000)}' "$engine")
  [ ${#sample} -eq 2000 ] || fail "the installed engine has no .wasm inside (base64 line)"
  grep -F -- "$sample" "$work/workshop.html" > /dev/null ||
    fail "workshop.html does not hold the installed engine"
  [ "$(stat -c %s "$work/workshop.html")" -gt "$(stat -c %s "$engine")" ] ||
    fail "workshop.html is smaller than the engine it should hold"
  exported="export -o workshop.html ($(( $(stat -c %s "$work/workshop.html") / 1024 )) KB) with the installed engine"
  rm "$engine"
elif [ -n "${CI:-}" ] || [ -n "${ORGSIM_REQUIRE_WASM:-}" ]; then
  fail "the package lacks ./usr/share/orgsim/orgsim_engine.js (CI or ORGSIM_REQUIRE_WASM is" \
       "set: build it with \`make export-assets\` before \`make package\`)"
fi
# No engine anywhere: a usage error that names --engine, and no file.
if env -u ORGSIM_ENGINE "$bin" export "$examples/contact-center/slow-payments.yaml" \
     -o "$work/none.html" > "$work/none.txt" 2>&1; then
  fail "orgsim export -o none.html succeeded without an engine"
fi
grep -- '--engine' "$work/none.txt" > /dev/null ||
  fail "the export without an engine does not name --engine: $(cat "$work/none.txt")"
[ ! -e "$work/none.html" ] || fail "the export without an engine wrote none.html"

echo "check_deb: $deb: $(echo "$contents" | wc -l) entries, binary, man page, examples and docs;" \
     "ran --version, run, --render PNG and $exported from the extracted tree"
