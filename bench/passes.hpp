#pragma once
// The unit every engine figure of `make bench` is also given in (issue 15): one sparse
// pass y = A x over the same org's dependency matrix (CSR, rows in order), the fastest
// measured in the same run, in this thread's CPU time, so that a busy, slow or fast
// machine reads the same "passes" column. bench/engine_bench.cpp, monte_carlo_bench.cpp
// and paths_bench.cpp share it.

#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "model/org_graph.hpp"

namespace orgsim::bench {

// This thread's CPU time: other processes on a busy machine do not count.
inline double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// g's matrix in compressed rows, built once per org (`g` must outlive the process's
// benchmarks, as bench_org's orgs do).
struct PassMatrix {
  std::vector<std::size_t> start;
  std::vector<std::uint32_t> col;
  std::vector<double> val;
};

inline const PassMatrix& pass_matrix(const model::OrgGraph& g) {
  static std::map<const model::OrgGraph*, PassMatrix> cache;
  if (auto it = cache.find(&g); it != cache.end()) return it->second;
  PassMatrix& m = cache[&g];
  const std::size_t n = g.role_count();
  m.start.assign(n + 1, 0);
  for (const auto& d : g.dependencies()) ++m.start[d.role.value + 1];
  for (std::size_t i = 0; i < n; ++i) m.start[i + 1] += m.start[i];
  m.col.resize(g.dependencies().size());
  m.val.resize(m.col.size());
  std::vector<std::size_t> next(m.start.begin(), m.start.end() - 1);
  for (const auto& d : g.dependencies()) {
    const std::size_t slot = next[d.role.value]++;
    m.col[slot] = d.depends_on.value;
    m.val[slot] = d.weight;
  }
  return m;
}

// One sparse pass y = A x over g's matrix, in this thread's CPU time.
inline double one_pass_seconds(const PassMatrix& m, std::vector<double>& x,
                               std::vector<double>& y) {
  const std::size_t n = x.size();
  const double t0 = thread_seconds();
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0.0;
    for (std::size_t e = m.start[i]; e < m.start[i + 1]; ++e) sum += m.val[e] * x[m.col[e]];
    y[i] = sum;
  }
  benchmark::DoNotOptimize(y.data());
  return thread_seconds() - t0;
}

inline double median_of(std::vector<double> v) {
  if (v.empty()) return 0.0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// A figure in passes, each measurement paired with passes timed around it. On the
// shared build machine one pass of the same matrix, timed back to back, takes anything
// from 11 to 32 ms (neighbours share the memory bus and evict the cache), so a figure
// is only comparable with passes of the same moment, timed the same way: each
// iteration of the benchmark (start/stop) sits between kPassesAround passes before and
// kPassesAround after (each group after one untimed pass; the benchmark's own clock
// paused), "passes" is the median over
// the iterations of figure / mean of those passes, and "pass_ms" the mean pass. (Until
// 2026-12-03 the mean figure was divided by the fastest pass of the whole run, which
// left the noise on the figure's side only and read up to 2x high.)
class PairedPasses {
 public:
  static constexpr int kPassesAround = 3;

  PairedPasses(benchmark::State& state, const model::OrgGraph& g)
      : state_(state), matrix_(pass_matrix(g)), x_(g.role_count(), 0.5), y_(g.role_count()) {
    before_ = time_passes();
  }

  void start() { t0_ = thread_seconds(); }

  void stop() {
    const double figure = thread_seconds() - t0_;
    state_.PauseTiming();
    const double after = time_passes();
    state_.ResumeTiming();
    const double pass = (before_ + after) / 2.0;
    before_ = after;
    pass_sum_ += pass;
    figures_.push_back(figure);
    ratios_.push_back(figure / pass);
  }

  // Sets "passes", "pass_ms" and "cpu_ms" (the median figure, this thread's CPU time).
  void report() const {
    state_.counters["passes"] = median_of(ratios_);
    state_.counters["pass_ms"] = pass_sum_ / static_cast<double>(ratios_.size()) * 1e3;
    state_.counters["cpu_ms"] = median_of(figures_) * 1e3;
  }

 private:
  // One untimed pass first: the figure's own data is warm from its previous iteration
  // (at 10k-100k it lives in the L2 and L3 caches), so the pass's is too.
  double time_passes() {
    one_pass_seconds(matrix_, x_, y_);
    double sum = 0.0;
    for (int r = 0; r < kPassesAround; ++r) sum += one_pass_seconds(matrix_, x_, y_);
    return sum / kPassesAround;
  }

  benchmark::State& state_;
  const PassMatrix& matrix_;
  std::vector<double> x_, y_;
  std::vector<double> figures_, ratios_;
  double before_ = 0.0, pass_sum_ = 0.0, t0_ = 0.0;
};

// Runs the benchmark's loop with `work` as each iteration's figure, paired with passes of
// g (PairedPasses), and reports them.
template <class Work>
void time_in_passes(benchmark::State& state, const model::OrgGraph& g, Work&& work) {
  PairedPasses timer(state, g);
  for (auto _ : state) {
    timer.start();
    work();
    timer.stop();
  }
  timer.report();
}

// The fastest of 7 passes of g's matrix seen so far in the run (for benchmarks that
// compare two figures of their own and give passes only as a second reading, as
// monte_carlo_bench.cpp does).
inline double sparse_pass_seconds(const model::OrgGraph& g) {
  static std::map<const model::OrgGraph*, double> fastest;
  const PassMatrix& m = pass_matrix(g);
  std::vector<double> x(g.role_count(), 0.5), y(g.role_count());
  double best = 1e300;
  for (int r = 0; r < 7; ++r) best = std::min(best, one_pass_seconds(m, x, y));
  auto [it, inserted] = fastest.emplace(&g, best);
  if (!inserted) it->second = std::min(it->second, best);
  return it->second;
}

// Sets "pass_ms" and "passes": `seconds` (CPU time of one unit of work) in sparse passes of g.
inline void report_passes_of(benchmark::State& state, const model::OrgGraph& g, double seconds) {
  const double pass = sparse_pass_seconds(g);
  state.counters["pass_ms"] = pass * 1e3;
  state.counters["passes"] = seconds / pass;
}

}  // namespace orgsim::bench
