#!/usr/bin/env bash
# Checks the Debian package `make package` built (cmake/packaging.cmake), without
# installing it: dpkg-deb --info (name, version, architecture, and a declared dependency
# for every library the binary needs), dpkg-deb --contents (binary, man page, examples,
# docs), then the binary run from a tree extracted with dpkg-deb -x: --version, a bundled
# scenario, and a PNG picture (Graphviz's cairo plugin, from the declared libgvc6).
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
echo "check_deb: $deb: $(echo "$contents" | wc -l) entries, binary, man page, examples and docs;" \
     "ran --version, run and --render PNG from the extracted tree"
