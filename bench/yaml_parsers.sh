#!/usr/bin/env bash
# The measurement behind the choice of YAML reader (docs/performance.md, "YAML"): the
# three C/C++ YAML libraries in Debian 12 on the same file, each doing the least it
# can: libyaml and libfyaml pull every event (building nothing), yaml-cpp builds its
# node tree (YAML::Load, what orgsim used to do). Prints wall time and peak memory.
# Needs libyaml-dev, libfyaml-dev and libyaml-cpp-dev (this script only; orgsim needs
# libyaml-dev alone).
# Usage: bash bench/yaml_parsers.sh FILE.yaml
set -euo pipefail
file=${1:?usage: bash bench/yaml_parsers.sh FILE.yaml}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat > "$dir/libyaml.c" <<'C'
#include <yaml.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char** argv) {
  FILE* f = fopen(argv[1], "rb");
  yaml_parser_t p;
  yaml_parser_initialize(&p);
  yaml_parser_set_input_file(&p, f);
  long n = 0;
  for (;;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&p, &e)) return 1;
    int done = e.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&e);
    ++n;
    if (done) break;
  }
  printf("libyaml events %ld\n", n);
  return 0;
}
C
cat > "$dir/libfyaml.c" <<'C'
#include <libfyaml.h>
#include <stdio.h>
int main(int argc, char** argv) {
  struct fy_parse_cfg cfg = {0};
  cfg.flags = FYPCF_QUIET;
  struct fy_parser* p = fy_parser_create(&cfg);
  if (fy_parser_set_input_file(p, argv[1])) return 1;
  long n = 0;
  struct fy_event* e;
  while ((e = fy_parser_parse(p)) != NULL) {
    ++n;
    fy_parser_event_free(p, e);
  }
  if (fy_parser_get_stream_error(p)) return 1;
  printf("libfyaml events %ld\n", n);
  fy_parser_destroy(p);
  return 0;
}
C
cat > "$dir/yamlcpp.cpp" <<'C'
#include <yaml-cpp/yaml.h>
#include <cstdio>
int main(int argc, char** argv) {
  YAML::Node root = YAML::LoadFile(argv[1]);
  std::printf("yaml-cpp top-level fields %zu\n", root.size());
  return 0;
}
C
gcc -O2 "$dir/libyaml.c" -o "$dir/libyaml" -lyaml
gcc -O2 "$dir/libfyaml.c" -o "$dir/libfyaml" $(pkg-config --cflags --libs libfyaml)
g++ -O2 "$dir/yamlcpp.cpp" -o "$dir/yamlcpp" -lyaml-cpp
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $file ($(stat -c %s "$file") bytes)"
for p in libyaml libfyaml yamlcpp; do
  /usr/bin/time -f "$p: %e s wall, %U s user, %M KB peak" "$dir/$p" "$file"
done
