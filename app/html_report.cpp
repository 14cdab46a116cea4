// The HTML report of a run: the run's figures turned into viz/report.hpp's plain
// input, in words a reader of the report understands.
#include "app/html_report.hpp"

#include <optional>

#include "app/pictures.hpp"
#include "app/text.hpp"
#include "common/errors.hpp"
#include "model/time_unit.hpp"
#include "orgsim_version.hpp"
#include "sim/rank.hpp"
#include "viz/report.hpp"

namespace orgsim::app {

namespace {

// The ranking assumes each role alone degraded by half (as `orgsim rank` by default).
constexpr double kRankDegrade = 0.5;

std::string role_name(const model::OrgGraph& g, model::RoleId r) { return g.role(r).name; }

std::string failure_text(const model::OrgGraph& g, const model::Failure& f) {
  return role_name(g, f.role) + " degraded " + format_fixed(100.0 * f.degrade, 0) + "%, " +
         model::window_text(g.time_unit, f.from, f.to);
}

std::optional<double> weight_of(const model::OrgGraph& g, model::RoleId role,
                                model::RoleId depends_on) {
  std::optional<double> weight;
  for (const auto& d : g.dependencies()) {
    if (d.role == role && d.depends_on == depends_on) weight = weight.value_or(0.0) + d.weight;
  }
  return weight;
}

std::string change_text(const model::OrgGraph& g, const model::Change& c) {
  const std::string who = role_name(g, c.role);
  if (c.depends_on && c.weight) {
    const std::string whom = role_name(g, *c.depends_on);
    const std::optional<double> was = weight_of(g, c.role, *c.depends_on);
    const std::string before = was ? " (was " + format_fixed(*was, 2) + ")" : " (new)";
    if (*c.weight == 0.0) return who + " no longer depends on " + whom;
    return who + " depends on " + whom + " with weight " + format_fixed(*c.weight, 2) + before;
  }
  if (c.recovery) {
    return who + " recovers " + format_fixed(100.0 * *c.recovery, 0) + "% of its gap per " +
           g.time_unit + " (was " + format_fixed(100.0 * g.role(c.role).recovery, 0) + "%)";
  }
  if (c.touchpoint) {
    return who + " weighs " + format_fixed(*c.touchpoint, 2) + " in the CX score (was " +
           format_fixed(g.role(c.role).touchpoint, 2) + ")";
  }
  return who + " changed";
}

std::string short_digest(const std::string& sha256) { return sha256.substr(0, 12); }

// One scenario's row and curve in a handout that compares several.
viz::ReportCompared compared_row(const RunResult& run) {
  const sim::Summary& s = run.summary;
  viz::ReportCompared row;
  row.name = run.scenario().name;
  row.cx.assign(run.trace.cx().begin(), run.trace.cx().end());
  row.cx_min = s.cx_min;
  row.cx_min_step = s.cx_min_step;
  row.cx_final = s.cx_final;
  row.degraded = s.degraded;
  row.recovery_step = s.recovery_step;
  if (run.paths) {
    row.linear_drop = run.paths->total_cx_points;
    if (!run.paths->paths.empty()) {
      for (model::RoleId r : run.paths->paths.front().roles) {
        row.top_path += role_name(run.effective(), r) + " \u2192 ";  // an arrow
      }
      row.top_path += "CX";
    }
  }
  return row;
}

viz::ReportInput report_input(const RunResult& run, const HtmlReportOptions& options,
                              std::ostream& err) {
  const model::Scenario& scenario = run.scenario();
  const model::OrgGraph& effective = run.effective();
  const sim::Summary& summary = run.summary;
  const sim::Trace& trace = run.trace;
  const std::optional<sim::ImpactPaths>& paths = run.paths;

  viz::ReportInput report;
  report.title = scenario.name;
  report.description = scenario.description;
  report.scenario_file = scenario.file;
  report.model_name = effective.name;
  report.time_unit = effective.time_unit;
  report.roles = effective.role_count();
  report.departments = effective.departments().size();
  report.dependencies = effective.dependencies().size();
  for (const auto& f : scenario.failures) report.failures.push_back(failure_text(effective, f));
  for (const auto& c : scenario.changes) report.changes.push_back(change_text(scenario.model, c));
  report.cx_baseline = summary.cx_baseline;
  report.cx_min = summary.cx_min;
  report.cx_min_step = summary.cx_min_step;
  report.cx_final = summary.cx_final;
  report.recovery_band = sim::kRecoveryBand;
  report.degraded = summary.degraded;
  report.recovery_step = summary.recovery_step;
  report.cx.assign(trace.cx().begin(), trace.cx().end());
  for (const auto& impact : summary.most_degraded) {
    const auto& role = effective.role(impact.role);
    report.most_degraded.push_back({role.name, effective.department(role.department).name,
                                    impact.peak, impact.peak_step, impact.final_q});
  }
  if (paths) {
    for (const auto& p : paths->paths) {
      viz::ReportPath path{{}, p.cx_points, p.share};
      for (model::RoleId r : p.roles) path.roles.push_back(role_name(effective, r));
      report.paths.push_back(std::move(path));
    }
    report.total_cx_points = paths->total_cx_points;
  }
  if (options.rank) {
    auto& ranking = report.ranking.emplace();
    report.ranking_degrade = kRankDegrade;
    for (const auto& c : sim::rank_roles(effective, kRankDegrade)) {
      if (ranking.size() == options.top) break;
      const auto& role = effective.role(c.role);
      ranking.push_back({role.name, effective.department(role.department).name, c.cx_points});
    }
  }
  if (!scenario.failures.empty()) report.impact_svg = impact_svg(run, err);
  report.generator = std::string("orgsim ") + kVersion;
  const RunRecord& record = run.record;
  report.inputs_digest = "model sha256 " + short_digest(record.model_sha256);
  if (!record.scenario_sha256.empty()) {
    report.inputs_digest += ", scenario sha256 " + short_digest(record.scenario_sha256);
  }
  return report;
}

}  // namespace

std::string html_report(const RunResult& run, const HtmlReportOptions& options, std::ostream& err) {
  return viz::build_report(report_input(run, options, err));
}

std::string html_report(std::span<const RunResult> runs, const HtmlReportOptions& options,
                        std::ostream& err) {
  if (runs.empty()) throw InvalidArgument("html_report: no run");
  viz::ReportInput report = report_input(runs.front(), options, err);
  if (runs.size() > 1) {
    for (const RunResult& run : runs) report.compared.push_back(compared_row(run));
  }
  return viz::build_report(report);
}

}  // namespace orgsim::app
