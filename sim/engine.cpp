#include "sim/engine.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "sim/cx_score.hpp"
#include "sim/sparse.hpp"

namespace orgsim::sim {

std::vector<double> perturbation_at(const model::OrgGraph& graph,
                                    std::span<const model::Failure> failures, int step) {
  std::vector<double> c(graph.role_count(), 0.0);
  for (const auto& f : failures) {
    if (f.active_at(step)) c[f.role.value] += f.degrade;
  }
  // Overlapping failures of one role add up, but a role cannot be more than fully down.
  for (const auto& f : failures) c[f.role.value] = std::min(1.0, c[f.role.value]);
  return c;
}

struct Engine::Impl {
  SparseRowMatrix a;
  std::vector<double> recovery;
  std::vector<model::Failure> failures;
  CxScore cx_score;
  std::vector<double> q, next, c;
  int k = 0;

  // slot[d]: where dependency d's weight sits in a's values; filled by restart() only.
  std::vector<int> slot;

  Impl(const model::OrgGraph& graph, std::vector<model::Failure> f)
      : a(dependency_matrix(graph)), failures(std::move(f)), cx_score(graph) {
    const std::size_t n = graph.role_count();
    recovery.resize(n);
    for (std::size_t i = 0; i < n; ++i) recovery[i] = graph.roles()[i].recovery;
    q.assign(n, 0.0);
    next.assign(n, 0.0);
    c.assign(n, 0.0);
    list_failed_rows();
    update_perturbation();
  }

  void restart(const model::OrgGraph& graph, std::span<const model::Failure> f,
               std::span<const model::InitialState> initial) {
    const auto& deps = graph.dependencies();
    if (graph.role_count() != q.size() || deps.size() != static_cast<std::size_t>(a.nonZeros())) {
      throw std::invalid_argument("Engine::restart: the graph's structure differs");
    }
    if (slot.empty() && !deps.empty()) {
      // Rows list their columns sorted and each (role, depends_on) pair once.
      slot.resize(deps.size());
      const int* outer = a.outerIndexPtr();
      const int* inner = a.innerIndexPtr();
      for (std::size_t d = 0; d < deps.size(); ++d) {
        const int row = static_cast<int>(deps[d].role.value);
        const int col = static_cast<int>(deps[d].depends_on.value);
        slot[d] = static_cast<int>(
            std::lower_bound(inner + outer[row], inner + outer[row + 1], col) - inner);
      }
    }
    double* value = a.valuePtr();
    for (std::size_t d = 0; d < deps.size(); ++d) value[slot[d]] = deps[d].weight;
    for (std::size_t i = 0; i < q.size(); ++i) recovery[i] = graph.roles()[i].recovery;
    cx_score = CxScore(graph);
    for (const auto& old : failures) c[old.role.value] = 0.0;
    failures.assign(f.begin(), f.end());
    list_failed_rows();
    std::fill(q.begin(), q.end(), 0.0);
    for (const auto& s : initial) q[s.role.value] = s.q;
    k = 0;
    update_perturbation();
  }

  // c(k): only the failed roles' entries are touched, so this is O(failures).
  void update_perturbation() {
    for (const auto& f : failures) c[f.role.value] = 0.0;
    for (const auto& f : failures) {
      if (f.active_at(k)) c[f.role.value] += f.degrade;
    }
    for (const auto& f : failures) c[f.role.value] = std::min(1.0, c[f.role.value]);
  }

  // The failed roles, sorted and each once: the only rows where c can be non-zero.
  std::vector<int> failed_rows;

  void list_failed_rows() {
    failed_rows.clear();
    for (const auto& f : failures) failed_rows.push_back(static_cast<int>(f.role.value));
    std::sort(failed_rows.begin(), failed_rows.end());
    failed_rows.erase(std::unique(failed_rows.begin(), failed_rows.end()), failed_rows.end());
  }

  // Rows [begin, end) of one step. Rows without a failure skip c: at a million roles c
  // is an 8 MB stream of zeros, and aq + 0.0 == aq exactly (aq >= +0), so the bits are
  // the same as with it.
  template <bool kFailed>
  void step_rows(int begin, int end) {
    const int n = static_cast<int>(q.size());
    const int* outer = a.outerIndexPtr();
    const int* inner = a.innerIndexPtr();
    const double* value = a.valuePtr();
    for (int i = begin; i < end; ++i) {
      prefetch_row(outer, inner, q.data(), i + kPrefetchRows, n);
      double aq = 0.0;
      for (int e = outer[i]; e < outer[i + 1]; ++e) aq += value[e] * q[inner[e]];
      if constexpr (kFailed) aq += c[i];
      double v = q[i] + recovery[i] * (aq - q[i]);
      // With q, A, c >= 0 and recovery in (0, 1], v >= 0 always; only the cap at 1 can bind.
      next[i] = std::clamp(v, 0.0, 1.0);
    }
  }

  void step() {
    int i = 0;
    for (int row : failed_rows) {
      step_rows<false>(i, row);
      step_rows<true>(row, row + 1);
      i = row + 1;
    }
    step_rows<false>(i, static_cast<int>(q.size()));
    q.swap(next);
    ++k;
    update_perturbation();
  }
};

Engine::Engine(const model::OrgGraph& graph, std::vector<model::Failure> failures,
               std::span<const model::InitialState> initial)
    : impl_(std::make_unique<Impl>(graph, std::move(failures))) {
  for (const auto& s : initial) impl_->q[s.role.value] = s.q;
}

Engine::~Engine() = default;

void Engine::restart(const model::OrgGraph& graph, std::span<const model::Failure> failures,
                     std::span<const model::InitialState> initial) {
  impl_->restart(graph, failures, initial);
}

void Engine::step() { impl_->step(); }
int Engine::current_step() const { return impl_->k; }
std::span<const double> Engine::state() const { return impl_->q; }
double Engine::cx() const { return impl_->cx_score(impl_->q); }
std::span<const double> Engine::perturbation() const { return impl_->c; }

namespace {
// The scenario's model after its changes: the model itself when there are none, as
// a copy of a million-role model costs about a second. `changed` holds a changed copy.
const model::OrgGraph& effective_model(const model::Scenario& scenario,
                                       std::optional<model::OrgGraph>& changed) {
  if (scenario.changes.empty()) return scenario.model;
  changed = model::apply_changes(scenario.model, scenario.changes);
  return *changed;
}
}  // namespace

Trace simulate(const model::Scenario& scenario, const SimParams& params, Observer* observer) {
  validate(params);
  std::optional<model::OrgGraph> changed;
  return simulate_on(effective_model(scenario, changed), scenario, params, observer);
}

Trace simulate_on(const model::OrgGraph& graph, const model::Scenario& scenario,
                  const SimParams& params, Observer* observer) {
  validate(params);
  const int steps = params.steps.value_or(scenario.steps);
  Engine engine(graph, scenario.failures, scenario.initial);
  Trace trace(graph.role_count(), steps, graph.cx_baseline, params.record_roles);
  trace.record(engine.state(), engine.cx());
  for (int k = 1; k <= steps; ++k) {
    engine.step();
    trace.record(engine.state(), engine.cx());
    if (observer) observer->on_step(k, steps);
  }
  return trace;
}

Trace simulate_static(const model::Scenario& scenario, const SimParams& params,
                      StaticSolution* report) {
  validate(params);
  std::optional<model::OrgGraph> changed;
  return simulate_static_on(effective_model(scenario, changed), scenario, params, report);
}

Trace simulate_static_on(const model::OrgGraph& graph, const model::Scenario& scenario,
                         const SimParams& params, StaticSolution* report) {
  validate(params);
  std::vector<double> c = perturbation_at(graph, scenario.failures, 0);
  StaticSolution solution = solve_static(graph, c, params);
  Trace trace(graph.role_count(), 0, graph.cx_baseline, params.record_roles);
  trace.record(solution.q, CxScore(graph)(solution.q));
  if (report) *report = std::move(solution);
  return trace;
}

}  // namespace orgsim::sim
