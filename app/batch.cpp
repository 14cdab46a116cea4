#include "app/batch.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <sstream>
#include <system_error>
#include <thread>

#include "app/batch_row.hpp"
#include "common/errors.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

namespace {

// Only this much of a .yaml file is read to tell a scenario from a model.
constexpr std::size_t kSniffBytes = 1 << 16;

// A scenario has a top-level `model:` key: a line starting with "model:" (as the
// golden tests in tests/CMakeLists.txt tell them apart).
bool looks_like_scenario(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text(kSniffBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text.starts_with("model:") || text.find("\nmodel:") != std::string::npos;
}

}  // namespace

Shard parse_shard(std::string_view text) {
  auto bad = [&]() -> InvalidArgument {
    return InvalidArgument("--shard must be i/n with 1 <= i <= n (e.g. 2/8), got '" +
                           std::string(text) + "'");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) throw bad();
  Shard shard;
  auto number = [&](std::string_view part, std::size_t& value) {
    const char* end = part.data() + part.size();
    auto [ptr, ec] = std::from_chars(part.data(), end, value);
    if (part.empty() || ec != std::errc() || ptr != end) throw bad();
  };
  number(text.substr(0, slash), shard.index);
  number(text.substr(slash + 1), shard.count);
  if (shard.index < 1 || shard.index > shard.count) throw bad();
  return shard;
}

std::vector<fs::path> find_scenarios(std::span<const fs::path> paths) {
  if (paths.empty()) throw InvalidArgument("PATH: give at least one scenario file or folder");
  std::vector<fs::path> found;
  for (const fs::path& path : paths) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      found.push_back(path);
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      if (fs::exists(path, ec)) {  // a named pipe, device or socket: it cannot be read twice
        throw InvalidArgument("PATH: '" + path.string() +
                              "' is not a regular file or folder (a named pipe, device or "
                              "socket); save the scenario to a file");
      }
      throw InvalidArgument("PATH: no such file or folder: '" + path.string() + "'");
    }
    const std::size_t before = found.size();
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".yaml" &&
          looks_like_scenario(it->path())) {
        found.push_back(it->path());
      }
    }
    if (ec) {
      throw InvalidArgument("PATH: cannot read folder '" + path.string() + "': " + ec.message());
    }
    if (found.size() == before) {
      throw InvalidArgument("PATH: no scenario (a .yaml file with a 'model:' key) in folder '" +
                            path.string() + "'");
    }
  }
  std::sort(found.begin(), found.end(),
            [](const fs::path& a, const fs::path& b) { return a.string() < b.string(); });
  found.erase(
      std::unique(found.begin(), found.end(),
                  [](const fs::path& a, const fs::path& b) { return a.string() == b.string(); }),
      found.end());
  return found;
}

std::vector<fs::path> shard_of(std::span<const fs::path> sorted, Shard shard) {
  std::vector<fs::path> mine;
  for (std::size_t i = shard.index - 1; i < sorted.size(); i += shard.count) {
    mine.push_back(sorted[i]);
  }
  return mine;
}

void run_scenarios(std::span<const fs::path> files, unsigned jobs,
                   const std::function<double()>& clock,
                   const std::function<void(std::size_t, const BatchRow&)>& on_row,
                   const BatchSampling& sampling) {
  ModelCache models;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;  // serializes on_row
  std::exception_ptr failure;
  auto work = [&] {
    for (std::size_t i = next++; i < files.size() && !stop; i = next++) {
      BatchRow row = batch_row(files[i], models, clock, sampling);
      std::lock_guard lock(mutex);
      if (stop) return;
      try {
        on_row(i, row);
      } catch (...) {
        failure = std::current_exception();
        stop = true;
      }
    }
  };
  const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(jobs, files.size()));
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

}  // namespace orgsim::app
