// `orgsim batch` survives kill -9: a 2,000-scenario batch killed with SIGKILL five
// times at random moments, then finished with --resume, gives the rows of an
// uninterrupted run, row for row. Runs the real binary (ORGSIM_BINARY) in child
// processes; the delays come from a fixed seed, where they land depends on timing,
// so every check below holds wherever a kill lands.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "model/rng.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::cli {

namespace {

namespace fs = std::filesystem;
using test::ChildExit;
using test::read_file;

constexpr std::size_t kScenarios = 2000;
constexpr int kKills = 5;

// One result row as compared: its file, its status, and all of it but runtime_ms
// (the only value that depends on the clock), columns found by name since other
// columns may come and go.
struct Row {
  std::string file;
  std::string status;
  std::string rest;
  bool operator==(const Row&) const = default;
};

struct Rows {
  std::string header;  ///< the CSV header line; "" for JSON lines
  std::vector<Row> rows;
};

// RFC 4180 records; a last record cut short (no newline, or an open quote) is left
// out, as --resume leaves it out. Written here independently of app/batch_output.
std::vector<std::vector<std::string>> csv_records(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted && ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (ch == '"') {
      quoted = !quoted;
    } else if (!quoted && ch == ',') {
      fields.emplace_back();
    } else if (!quoted && ch == '\n') {
      records.push_back(std::move(fields));
      fields.assign(1, "");
    } else {
      fields.back() += ch;
    }
  }
  return records;
}

std::size_t column(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  EXPECT_NE(it, header.end()) << "no column " << name;
  return static_cast<std::size_t>(it - header.begin());
}

Rows parse_csv(const std::string& text) {
  Rows out;
  const auto records = csv_records(text);
  if (records.empty()) return out;
  const auto& header = records.front();
  for (const auto& name : header) out.header += name + ",";
  const std::size_t file = column(header, "file");
  const std::size_t status = column(header, "status");
  const std::size_t runtime = column(header, "runtime_ms");
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& fields = records[r];
    EXPECT_EQ(fields.size(), header.size()) << "record " << r;
    if (fields.size() != header.size()) continue;
    Row row{fields[file], fields[status], ""};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i != runtime) row.rest += fields[i] + '\x1f';
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

// Complete lines only (a line cut short has no newline yet).
Rows parse_jsonl(const std::string& text) {
  Rows out;
  std::size_t pos = 0;
  for (std::size_t end; (end = text.find('\n', pos)) != std::string::npos; pos = end + 1) {
    auto j = nlohmann::json::parse(text.substr(pos, end - pos));
    EXPECT_TRUE(j.contains("runtime_ms"));
    j.erase("runtime_ms");
    out.rows.push_back(
        {j.at("file").get<std::string>(), j.at("status").get<std::string>(), j.dump()});
  }
  return out;
}

std::vector<std::string> folder_entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class BatchKillTest : public test::TempDirTest {
 protected:
  BatchKillTest() : TempDirTest("orgsim_batch_kill") {}
  void SetUp() override {
    fs::create_directories(dir_ / "runs");
    // A 200-role synthetic org and 2,000 single-failure scenarios of 100 steps, each
    // 250th naming a role that does not exist, so error rows go through the kills too.
    const auto gen = orgsim({"generate", "--roles", "200", "--departments", "8", "--seed", "11",
                             "--scenarios", "0", "-o", (dir_ / "org").string()});
    ASSERT_EQ(gen.code, 0) << gen.err;
    fs::create_directories(dir_ / "org" / "scenarios");
    for (std::size_t i = 1; i <= kScenarios; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "s%04zu.yaml", i);
      const std::string role = i % 250 == 0 ? "no-such-role" : "r" + std::to_string(i % 200);
      std::ofstream(dir_ / "org" / "scenarios" / name)
          << "name: s" << i << "\nmodel: ../model.yaml\nsteps: 100\nfailures:\n  - {role: " << role
          << ", degrade: 0." << i % 9 + 1 << ", from: 0, to: " << i % 7 + 1 << "}\n";
    }
  }
  test::RunResult orgsim(const std::vector<std::string>& args) const {
    return test::run_child(ORGSIM_BINARY, args, dir_);
  }

  std::vector<std::string> batch_args(const fs::path& output, bool resume) const {
    std::vector<std::string> args{"batch",    (dir_ / "org" / "scenarios").string(),
                                  "-o",       output.string(),
                                  "--jobs",   "2",
                                  "--format", format_,
                                  "--quiet"};
    if (resume) args.push_back("--resume");
    return args;
  }

  Rows parse(const std::string& text) const {
    return format_ == "csv" ? parse_csv(text) : parse_jsonl(text);
  }

  void five_kills_then_resume();

  std::string format_;  ///< "csv" or "jsonl"
};

// The whole check, for the results format in format_.
void BatchKillTest::five_kills_then_resume() {
  // The reference: one uninterrupted run, timed to spread the kills over a run.
  const fs::path reference = dir_ / ("reference." + format_);
  const auto t0 = std::chrono::steady_clock::now();
  const auto ref_run = orgsim(batch_args(reference, false));
  const double run_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(ref_run.code, 2) << ref_run.err;  // kExitInput: some rows are errors
  const Rows reference_rows = parse(read_file(reference));
  const std::vector<Row>& expected = reference_rows.rows;
  ASSERT_EQ(expected.size(), kScenarios);
  for (std::size_t i = 0; i < kScenarios; ++i) {
    ASSERT_EQ(expected[i].status, (i + 1) % 250 == 0 ? "error" : "ok") << i;
  }

  // The time a --resume with nothing left to do takes (finding the scenarios, reading
  // and rewriting the rows): the fixed part of every resumed run. It changes nothing.
  const std::string ref_text = read_file(reference);
  const auto t1 = std::chrono::steady_clock::now();
  const auto idle = orgsim(batch_args(reference, true));
  const double idle_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  ASSERT_EQ(idle.code, 2) << idle.err;
  ASSERT_EQ(read_file(reference), ref_text);

  // The interrupted runs write into their own folder, so the check for leftovers
  // sees only their files.
  const fs::path output = dir_ / "runs" / ("results." + format_);
  fs::path partial = output;
  partial += ".partial";
  // Kill k lands at a fraction of its run's expected length drawn from its own fifth
  // of [0, 1), the fifths in a shuffled order: spread from the start (scenarios
  // being found, .partial being rewritten) through the appends to the end.
  model::SplitMix64 rng(20261125);
  std::vector<int> fifths{0, 1, 2, 3, 4};
  for (std::size_t i = fifths.size() - 1; i > 0; --i)
    std::swap(fifths[i], fifths[rng.below(i + 1)]);
  std::size_t rows_before = 0;
  int killed = 0;
  std::string log;
  for (int k = 0; k < kKills; ++k) {
    const double remaining = static_cast<double>(kScenarios - rows_before) / kScenarios;
    const double expected_seconds = idle_seconds + (run_seconds - idle_seconds) * remaining;
    const double fraction = (fifths[static_cast<std::size_t>(k)] + rng.uniform()) / kKills;
    const auto delay = std::chrono::duration<double>(fraction * expected_seconds);
    const pid_t pid = test::start_child(ORGSIM_BINARY, batch_args(output, k > 0),
                                        dir_ / "kill.stdout", dir_ / "kill.stderr");
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);  // harmless if it has already finished (a zombie until waited for)
    const ChildExit e = test::wait_child(pid);
    if (e.signaled) {
      EXPECT_EQ(e.signal, SIGKILL);
      ++killed;
    } else {
      EXPECT_EQ(e.code, 2) << read_file(dir_ / "kill.stderr");
    }

    // Whatever the moment: every complete row so far is the reference's row, none is
    // there twice, and none that was there before is lost.
    const std::string kept = read_file(fs::exists(partial) ? partial : output);
    const Rows now = parse(kept);
    if (!kept.empty()) {
      EXPECT_EQ(now.header, reference_rows.header);
    }
    std::set<std::string> files;
    for (const Row& row : now.rows) {
      ASSERT_TRUE(files.insert(row.file).second) << "row twice: " << row.file;
      auto it = std::lower_bound(expected.begin(), expected.end(), row,
                                 [](const Row& a, const Row& b) { return a.file < b.file; });
      ASSERT_TRUE(it != expected.end() && *it == row) << "row differs: " << row.file;
    }
    EXPECT_GE(files.size(), rows_before) << "kill " << k << " lost rows";
    char line[128];
    std::snprintf(line, sizeof line, "kill %d after %.0f ms (%.2f of the run): %s, %zu rows kept\n",
                  k + 1, delay.count() * 1000, fraction, e.signaled ? "killed" : "had finished",
                  files.size());
    log += line;
    rows_before = files.size();
  }
  std::printf("uninterrupted run: %.0f ms, with nothing to do: %.0f ms\n%s", run_seconds * 1000,
              idle_seconds * 1000, log.c_str());
  EXPECT_GE(killed, 1) << "no kill landed before the run finished:\n" << log;

  const auto last = orgsim(batch_args(output, true));
  ASSERT_EQ(last.code, 2) << last.err;
  EXPECT_EQ(last.out, "Wrote " + output.string() + " (2000 scenarios, 8 errors)\n");
  const Rows final_rows = parse(read_file(output));
  EXPECT_EQ(final_rows.header, reference_rows.header);
  const std::vector<Row>& actual = final_rows.rows;
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    ASSERT_EQ(actual[i], expected[i]) << "row " << i + 1;
  }
  // Nothing left behind: no .partial, no temporary file of an interrupted write.
  EXPECT_EQ(folder_entries(dir_ / "runs"), std::vector<std::string>{output.filename().string()});
}

TEST_F(BatchKillTest, CsvAfterFiveKillsAndResumeEqualsAnUninterruptedRun) {
  format_ = "csv";
  five_kills_then_resume();
}

TEST_F(BatchKillTest, JsonLinesAfterFiveKillsAndResumeEqualAnUninterruptedRun) {
  format_ = "jsonl";
  five_kills_then_resume();
}

}  // namespace
}  // namespace orgsim::cli
