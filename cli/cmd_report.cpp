// `orgsim report SCENARIO -o report.html`: runs the scenario (simulation, impact
// paths, picture, optionally the criticality ranking) and writes viz/report.hpp's
// self-contained HTML page atomically.
#include <stdlib.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/load_input.hpp"
#include "cli/pictures.hpp"
#include "cli/run_record.hpp"
#include "cli/run_report.hpp"
#include "cli/text.hpp"
#include "model/atomic_file.hpp"
#include "model/errors.hpp"
#include "orgsim_version.hpp"
#include "sim/engine.hpp"
#include "sim/loops.hpp"
#include "sim/paths.hpp"
#include "sim/rank.hpp"
#include "viz/report.hpp"

namespace orgsim::cli {

namespace {

// The ranking assumes each role alone degraded by half (as `orgsim rank` by default).
constexpr double kRankDegrade = 0.5;

std::string role_name(const model::OrgGraph& g, model::RoleId r) { return g.role(r).name; }

std::string failure_text(const model::OrgGraph& g, const model::Failure& f) {
  return role_name(g, f.role) + " degraded " + format_fixed(100.0 * f.degrade, 0) + "%, steps " +
         std::to_string(f.from) + " to " +
         (f.to ? std::to_string(*f.to - 1) : std::string("the end"));
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
    return who + " recovers " + format_fixed(100.0 * *c.recovery, 0) +
           "% of its gap per step (was " + format_fixed(100.0 * g.role(c.role).recovery, 0) + "%)";
  }
  if (c.touchpoint) {
    return who + " weighs " + format_fixed(*c.touchpoint, 2) + " in the CX score (was " +
           format_fixed(g.role(c.role).touchpoint, 2) + ")";
  }
  return who + " changed";
}

// The impact picture as SVG text: render_impact writes files, so it draws into a
// private temporary folder that is removed afterwards.
std::string impact_svg(const RunReport& report, std::ostream& err) {
  std::string pattern = (std::filesystem::temp_directory_path() / "orgsim-report-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw Error("cannot create a temporary folder in " + pattern);
  const std::filesystem::path folder = pattern;
  struct Remove {
    std::filesystem::path folder;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove_all(folder, ignored);
    }
  } remove{folder};
  const std::filesystem::path file = folder / "impact.svg";
  std::ostringstream notices;
  std::ostringstream warnings;
  render_impact(report, {file}, false, notices, warnings);
  // Warnings name the temporary file: say "impact picture" instead.
  std::string line;
  std::istringstream lines(warnings.str());
  while (std::getline(lines, line)) {
    if (line.starts_with(file.string()))
      line = "impact picture" + line.substr(file.string().size());
    err << line << "\n";
  }
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string short_digest(const std::string& sha256) { return sha256.substr(0, 12); }

}  // namespace

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  LoadedInput in = load_input(options.scenario, options.input, err);
  const model::Scenario& scenario = in.scenario;
  const model::OrgGraph effective = model::apply_changes(scenario.model, scenario.changes);
  const sim::Trace trace = sim::simulate(scenario, {});
  const sim::Summary summary = sim::summarize(trace, options.top);
  RunReport run{scenario, effective, trace, summary, in.warnings};
  std::optional<sim::ImpactPaths> paths;
  std::optional<std::vector<sim::FeedbackLoop>> loops;
  if (options.paths > 0 && !scenario.failures.empty()) {
    paths = sim::impact_paths(effective, scenario.failures, options.paths);
    std::vector<model::RoleId> failed;
    for (const auto& f : scenario.failures) failed.push_back(f.role);
    loops = sim::loops_through(effective, failed);
    run.paths = &*paths;
    run.loops = &*loops;
  }

  viz::ReportInput report;
  report.title = scenario.name;
  report.description = scenario.description;
  report.scenario_file = scenario.file;
  report.model_name = effective.name;
  report.roles = effective.role_count();
  report.departments = effective.departments().size();
  report.dependencies = effective.dependencies().size();
  for (const auto& f : scenario.failures) report.failures.push_back(failure_text(effective, f));
  for (const auto& c : scenario.changes) report.changes.push_back(change_text(scenario.model, c));
  report.cx_baseline = summary.cx_baseline;
  report.cx_min = summary.cx_min;
  report.cx_min_step = summary.cx_min_step;
  report.cx_final = summary.cx_final;
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
  const RunRecord record = make_run_record(scenario);
  report.inputs_digest = "model sha256 " + short_digest(record.model_sha256);
  if (!record.scenario_sha256.empty()) {
    report.inputs_digest += ", scenario sha256 " + short_digest(record.scenario_sha256);
  }

  write_file_atomically(options.output, viz::build_report(report));
  out << "Wrote " << options.output.string() << "\n";
  return kExitOk;
}

}  // namespace orgsim::cli
