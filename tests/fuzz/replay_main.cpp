// A main() for compilers without libFuzzer (g++): runs LLVMFuzzerTestOneInput once on
// each file named on the command line, or on every file of each folder named, so the
// corpus and the regression inputs replay under ctest in the ordinary build.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool replay(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
    return false;
  }
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    fs::path arg(argv[i]);
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());  // a deterministic order
      for (const fs::path& f : files) ok = replay(f) && ok, ++count;
    } else {
      ok = replay(arg) && ok;
      ++count;
    }
  }
  if (count == 0) std::fprintf(stderr, "replay: no inputs\n");
  if (!ok || count == 0) return 1;
  std::printf("replay: %zu inputs, no crash\n", count);
  return 0;
}
