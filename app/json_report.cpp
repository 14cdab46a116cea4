// The JSON rendering of a run (docs/schema/run.schema.json). Kept in its own file:
// nlohmann/json is costly to compile.
#include <nlohmann/json.hpp>

#include "app/run_json.hpp"
#include "app/run_report.hpp"
#include "orgsim_version.hpp"

namespace orgsim::app {

namespace {

using nlohmann::json;

json failures_json(const model::Scenario& s) {
  json out = json::array();
  for (const auto& f : s.failures) {
    out.push_back({{"role", s.model.role(f.role).id},
                   {"degrade", f.degrade},
                   {"from", f.from},
                   {"to", f.to ? json(*f.to) : json(nullptr)}});
  }
  return out;
}

json roles_json(const RunResult& r) {
  json out = json::array();
  const auto& g = r.effective();
  for (std::uint32_t i = 0; i < g.role_count(); ++i) {
    model::RoleId id(i);
    const auto& role = g.role(id);
    json j = {{"id", role.id},
              {"name", role.name},
              {"department", g.department(role.department).id},
              {"touchpoint", role.touchpoint},
              {"recovery", role.recovery},
              {"peak", r.trace.peak(id)},
              {"peak_step", r.trace.peak_step(id)},
              {"final", r.trace.final_q(id)}};
    if (r.trace.has_role_trajectories() && !r.solver) {
      json q = json::array();
      for (int k = 0; k <= r.trace.steps(); ++k) q.push_back(r.trace.q(id, k));
      j["trajectory"] = std::move(q);
    }
    out.push_back(std::move(j));
  }
  return out;
}

json warnings_json(const Diagnostics& ds) {
  json out = json::array();
  for (const auto& d : ds.items()) {
    out.push_back({{"file", d.where.file},
                   {"line", d.where.line},
                   {"column", d.where.column},
                   {"severity", d.severity == Severity::kError ? "error" : "warning"},
                   {"message", d.message}});
  }
  return out;
}

json role_ids(const model::OrgGraph& g, const std::vector<model::RoleId>& roles) {
  json out = json::array();
  for (const auto& r : roles) out.push_back(g.role(r).id);
  return out;
}

json paths_json(const RunResult& r) {
  const auto& p = *r.paths;
  json list = json::array();
  for (const auto& path : p.paths) {
    list.push_back({{"roles", role_ids(r.effective(), path.roles)},
                    {"gain", path.gain},
                    {"degrade", path.degrade},
                    {"touchpoint", path.touchpoint},
                    {"cx_points", path.cx_points},
                    {"share", path.share}});
  }
  return {{"paths", std::move(list)},
          {"total_cx_points", p.total_cx_points},
          {"remaining_cx_points", p.remaining_cx_points},
          {"remaining_share", p.remaining_share}};
}

json loops_json(const RunResult& r) {
  json list = json::array();
  for (const auto& loop : *r.loops) {
    list.push_back({{"roles", role_ids(r.effective(), loop.roles)},
                    {"gain", loop.gain},
                    {"amplifies", loop.amplifies},
                    {"amplification", loop.amplification}});
  }
  return list;
}

json stats_json(const sim::SampleStats& s) {
  return {{"mean", s.mean}, {"p5", s.p5}, {"p50", s.p50}, {"p95", s.p95}};
}

json monte_carlo_json(const sim::MonteCarloResult& mc) {
  return {{"samples", mc.samples},
          {"seed", mc.seed},
          {"uncertain_parameters", mc.uncertain_parameters},
          {"percentiles", "linear interpolation between order statistics (numpy default)"},
          {"cx_min", stats_json(mc.cx_min_stats)},
          {"cx_final", stats_json(mc.cx_final_stats)},
          {"threshold", mc.threshold ? json(*mc.threshold) : json(nullptr)},
          {"below_threshold", mc.threshold ? json(mc.below_threshold) : json(nullptr)},
          {"share_below_threshold", mc.threshold ? json(mc.share_below) : json(nullptr)},
          {"per_sample", {{"cx_min", mc.cx_min}, {"cx_final", mc.cx_final}}}};
}

}  // namespace

json run_json(const RunResult& r, const RunJsonOptions& options) {
  const auto& m = r.summary;
  json cx = {{"baseline", m.cx_baseline},
             {"min", m.cx_min},
             {"min_step", m.cx_min_step},
             {"final", m.cx_final},
             {"change", m.cx_min - m.cx_baseline},
             {"final_change", m.cx_final - m.cx_baseline},
             {"degraded", m.degraded},
             {"recovery_step", m.recovery_step ? json(*m.recovery_step) : json(nullptr)},
             {"recovery_band", sim::kRecoveryBand},
             {"trajectory", std::vector<double>(r.trace.cx().begin(), r.trace.cx().end())}};
  json most = json::array();
  for (const auto& impact : m.most_degraded) {
    most.push_back({{"id", r.effective().role(impact.role).id},
                    {"peak", impact.peak},
                    {"peak_step", impact.peak_step},
                    {"final", impact.final_q}});
  }
  json out = {
      {"schema_version", kJsonSchemaVersion},
      {"orgsim_version", kVersion},
      {"scenario",
       {{"name", r.scenario().name},
        {"file", r.scenario().file},
        {"model_file", r.scenario().model.file},
        {"mode", r.solver ? "static" : "dynamic"},
        {"steps", r.trace.steps()},
        {"failures", failures_json(r.scenario())},
        {"changes", r.scenario().changes.size()}}},
      {"model",
       {{"name", r.effective().name},
        {"time_unit", r.effective().time_unit},
        {"roles", r.effective().role_count()},
        {"departments", r.effective().departments().size()},
        {"dependencies", r.effective().dependencies().size()}}},
      {"cx", std::move(cx)},
      {"most_degraded", std::move(most)},
      {"warnings", warnings_json(r.warnings)},
  };
  if (options.roles) out["roles"] = roles_json(r);
  if (options.run_record) out["run_record"] = run_record_json<json>(r.record);
  if (r.monte_carlo) out["monte_carlo"] = monte_carlo_json(*r.monte_carlo);
  if (r.paths) out["impact_paths"] = paths_json(r);
  if (r.loops) out["feedback_loops"] = loops_json(r);
  if (r.solver) {
    out["solver"] = {{"loop_components", r.solver->loop_components},
                     {"largest_loop", r.solver->largest_loop},
                     {"direct_solves", r.solver->direct_solves},
                     {"iterative_solves", r.solver->iterative_solves},
                     {"clamped_roles", r.solver->clamped_roles},
                     {"residual", r.solver->residual}};
  }
  return out;
}

std::string json_text(const json& j, int indent) {
  // Full precision (max_digits10) so researchers get the exact doubles back.
  // Invalid UTF-8 in a name becomes U+FFFD instead of an exception.
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

std::string run_report_json(const RunResult& r) { return json_text(run_json(r), 2) + "\n"; }

}  // namespace orgsim::app
