#include "app/compare_report.hpp"

#include <cassert>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/run_json.hpp"
#include "app/text.hpp"
#include "common/errors.hpp"
#include "model/time_unit.hpp"
#include "sim/summary.hpp"

namespace orgsim::app {

namespace {

using nlohmann::json;

constexpr std::size_t kNameWidth = 30;

sim::ComparedRun view(const RunResult& r) {
  return {r.effective(), r.trace, r.summary, r.paths ? &*r.paths : nullptr};
}

/// {"cx_baseline": {"base", "what_if", "change"}, "cx_min", "cx_final", "recovery_step",
/// "total_cx_points" (or null), "roles": [{id, name, in_base, in_what_if, peak}],
/// "paths": [{ids, names, base_share, what_if_share, base_cx_points, what_if_cx_points,
/// share_change}]}. A missing value (not recovered, path not listed) is null.
json comparison_json(const sim::Comparison& c) {
  auto figure = [](const sim::FigureChange& f) {
    return json{{"base", f.base}, {"what_if", f.what_if}, {"change", f.change}};
  };
  auto optional = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  json roles = json::array();
  for (const auto& r : c.roles) {
    roles.push_back(json{{"id", r.id},
                         {"name", r.name},
                         {"in_base", r.in_base},
                         {"in_what_if", r.in_what_if},
                         {"peak", figure(r.peak)}});
  }
  json paths = json::array();
  for (const auto& p : c.paths) {
    paths.push_back(json{{"ids", p.ids},
                         {"names", p.names},
                         {"base_share", optional(p.base_share)},
                         {"what_if_share", optional(p.what_if_share)},
                         {"base_cx_points", optional(p.base_cx_points)},
                         {"what_if_cx_points", optional(p.what_if_cx_points)},
                         {"share_change", p.share_change}});
  }
  return json{{"cx_baseline", figure(c.cx_baseline)},
              {"cx_min", figure(c.cx_min)},
              {"cx_final", figure(c.cx_final)},
              {"recovery_step", json{{"base", optional(c.recovery.base)},
                                     {"what_if", optional(c.recovery.what_if)},
                                     {"change", optional(c.recovery.change)}}},
              {"total_cx_points", c.total_cx_points ? figure(*c.total_cx_points) : json(nullptr)},
              {"roles", roles},
              {"paths", paths}};
}

// "+1.72", "-0.11", "+0.00" (never "-0.00").
std::string signed_fixed(double v, int decimals) {
  std::string s = format_fixed(v, decimals);
  if (s.front() == '-') {
    return s.find_first_not_of("-0.") == std::string::npos ? s.substr(1).insert(0, "+") : s;
  }
  return "+" + s;
}

std::string recovery_text(const sim::Summary& s, std::string_view unit) {
  if (!s.degraded) return "no drop";
  return s.recovery_step ? model::step_text(unit, *s.recovery_step) : "never";
}

void print_scenarios(const RunResult& base, const RunResult& what_if, std::ostream& out) {
  auto line = [&](const char* label, const RunResult& s) {
    out << label << terminal_safe(s.scenario().name);
    if (!s.scenario().file.empty()) out << "  (" << terminal_safe(s.scenario().file) << ")";
    out << "\n";
  };
  line("Base       ", base);
  line("What-if    ", what_if);
}

void print_cx(const sim::Comparison& c, const RunResult& base, const RunResult& what_if,
              std::ostream& out) {
  const std::string& unit = base.effective().time_unit;
  out << "\nCX score               base   what-if    change\n";
  auto row = [&](const char* label, const sim::FigureChange& f) {
    out << "  " << label << right(format_fixed(f.base, 2), 9)
        << right(format_fixed(f.what_if, 2), 10) << right(signed_fixed(f.change, 2), 10) << "\n";
  };
  row("baseline      ", c.cx_baseline);
  row("minimum       ", c.cx_min);
  row("final         ", c.cx_final);
  out << "  recovery      " << right(recovery_text(base.summary, unit), 9)
      << right(recovery_text(what_if.summary, unit), 10);
  if (c.recovery.change == 0) {
    out << right("same", 10);
  } else if (c.recovery.change) {
    out << right((*c.recovery.change > 0 ? "+" : "") + std::to_string(*c.recovery.change), 10)
        << " " << model::plural_unit(unit);
  }
  out << "\n";
  if (c.total_cx_points) row("linear drop   ", *c.total_cx_points);
  out << "  (recovery: first " << unit << " from which CX stays within "
      << format_significant(sim::kRecoveryBand, 6) << " points of its baseline;\n"
      << "   linear drop: the CX points all impact paths carry in the linear static model)\n";
}

void print_roles(const sim::Comparison& c, std::ostream& out) {
  if (c.roles.empty()) {
    out << "\nNo role's peak inoperability changed.\n";
    return;
  }
  out << "\nRoles whose peak inoperability changed most (peak q: 0 = normal, 1 = not working)\n";
  out << "   #  " << fit("role", kNameWidth) << "    base  what-if   change\n";
  int rank = 0;
  for (const auto& r : c.roles) {
    std::string name = r.name;
    if (!r.in_base) name += " (new)";
    if (!r.in_what_if) name += " (removed)";
    out << right(std::to_string(++rank), 4) << "  " << fit(name, kNameWidth)
        << right(format_fixed(r.peak.base, 4), 8) << right(format_fixed(r.peak.what_if, 4), 9)
        << right(signed_fixed(r.peak.change, 4), 9) << "\n";
  }
}

std::string share_text(const std::optional<double>& share) {
  return share ? format_fixed(100.0 * *share, 1) + "%" : "-";
}

void print_paths(const sim::Comparison& c, std::size_t options_paths, std::ostream& out) {
  if (!c.total_cx_points) return;
  if (c.paths.empty()) {
    out << "\nNo impact path gained or lost share.\n";
    return;
  }
  out << "\nImpact paths that gained or lost share of the CX drop (change in percentage "
         "points;\n'-': not among the "
      << kPathSearchFactor * options_paths << " strongest paths of that run, counted as 0)\n";
  out << "   #    base  what-if   change  path\n";
  int rank = 0;
  for (const auto& p : c.paths) {
    std::string path;
    for (const auto& name : p.names) path += terminal_safe(name) + " -> ";
    out << right(std::to_string(++rank), 4) << right(share_text(p.base_share), 8)
        << right(share_text(p.what_if_share), 9)
        << right(signed_fixed(100.0 * p.share_change, 1), 9) << "  " << path << "CX\n";
  }
}

}  // namespace

RunRequest compare_run_request(const CompareRequest& request) {
  RunRequest run;
  run.top = request.top;
  run.paths = kPathSearchFactor * request.paths;
  run.loops = false;
  return run;
}

Comparisons compare_runs(std::vector<RunResult> runs, const CompareRequest& request) {
  if (runs.size() < 2) {
    throw InvalidArgument("a comparison needs a base and at least one what-if, got " +
                          std::to_string(runs.size()) + " run(s)");
  }
  Comparisons c{std::move(runs), {}, request};
  for (std::size_t i = 1; i < c.runs.size(); ++i) {
    c.against_base.push_back(
        sim::compare_runs(view(c.runs[0]), view(c.runs[i]), request.top, 2 * request.paths));
  }
  return c;
}

void print_comparison(const Comparisons& c, std::ostream& out) {
  for (std::size_t i = 0; i < c.against_base.size(); ++i) {
    if (i > 0) out << "\n";
    const RunResult& base = c.runs[0];
    const RunResult& what_if = c.runs[i + 1];
    print_scenarios(base, what_if, out);
    print_cx(c.against_base[i], base, what_if, out);
    print_roles(c.against_base[i], out);
    print_paths(c.against_base[i], c.request.paths, out);
  }
}

std::string comparison_json_text(const Comparisons& c) {
  assert(c.runs.size() == c.against_base.size() + 1);
  json what_ifs = json::array();
  for (std::size_t i = 0; i < c.against_base.size(); ++i) {
    what_ifs.push_back(json{{"what_if", run_json(c.runs[i + 1])},
                            {"comparison", comparison_json(c.against_base[i])}});
  }
  json j{{"schema_version", kJsonSchemaVersion}, {"base", run_json(c.runs[0])}};
  // The document of two scenarios keeps its first shape ("what_if", "comparison") so that
  // its readers keep working; "what_ifs" is the same for any number of scenarios.
  if (what_ifs.size() == 1) {
    j["what_if"] = what_ifs[0]["what_if"];
    j["comparison"] = what_ifs[0]["comparison"];
  }
  j["what_ifs"] = std::move(what_ifs);
  return json_text(j, 2) + "\n";
}

}  // namespace orgsim::app
