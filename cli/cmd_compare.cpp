// `orgsim compare BASE WHATIF`: two scenarios side by side (sim/compare.hpp), as a
// terminal table and, with --json, as JSON with the run record of both.
#include <nlohmann/json.hpp>
#include <optional>

#include "app/compare_report.hpp"
#include "app/load_input.hpp"
#include "app/run.hpp"
#include "app/run_record.hpp"
#include "app/text.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"
#include "sim/compare.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

namespace {

constexpr std::size_t kNameWidth = 30;
// Search deeper than the paths shown, so that a path strong in one run is usually also
// found (with its real share) in the other.
constexpr std::size_t kPathSearchFactor = 4;

RunResult simulate_one(const std::filesystem::path& file, const CompareOptions& options,
                       std::ostream& err) {
  LoadedInput in = load_input(file, options.input, err);
  RunRequest request;
  request.top = options.top;
  request.paths = kPathSearchFactor * options.paths;
  request.loops = false;
  return run_scenario(std::move(in.scenario), request, std::move(in.warnings));
}

sim::ComparedRun view(const RunResult& r) {
  return {r.effective(), r.trace, r.summary, r.paths ? &*r.paths : nullptr};
}

// "+1.72", "-0.11", "+0.00" (never "-0.00").
std::string signed_fixed(double v, int decimals) {
  std::string s = format_fixed(v, decimals);
  if (s.front() == '-') {
    return s.find_first_not_of("-0.") == std::string::npos ? s.substr(1).insert(0, "+") : s;
  }
  return "+" + s;
}

std::string right(const std::string& s, std::size_t width) {
  return std::string(width > s.size() ? width - s.size() : 0, ' ') + s;
}

std::string recovery_text(const sim::Summary& s) {
  if (!s.degraded) return "no drop";
  return s.recovery_step ? "step " + std::to_string(*s.recovery_step) : "never";
}

void print_scenarios(const RunResult& base, const RunResult& what_if, std::ostream& out) {
  auto line = [&](const char* label, const RunResult& s) {
    out << label << terminal_safe(s.scenario.name);
    if (!s.scenario.file.empty()) out << "  (" << terminal_safe(s.scenario.file) << ")";
    out << "\n";
  };
  line("Base       ", base);
  line("What-if    ", what_if);
}

void print_cx(const sim::Comparison& c, const RunResult& base, const RunResult& what_if,
              std::ostream& out) {
  out << "\nCX score               base   what-if    change\n";
  auto row = [&](const char* label, const sim::FigureChange& f) {
    out << "  " << label << right(format_fixed(f.base, 2), 9)
        << right(format_fixed(f.what_if, 2), 10) << right(signed_fixed(f.change, 2), 10) << "\n";
  };
  row("baseline      ", c.cx_baseline);
  row("minimum       ", c.cx_min);
  row("final         ", c.cx_final);
  out << "  recovery      " << right(recovery_text(base.summary), 9)
      << right(recovery_text(what_if.summary), 10);
  if (c.recovery.change == 0) {
    out << right("same", 10);
  } else if (c.recovery.change) {
    out << right((*c.recovery.change > 0 ? "+" : "") + std::to_string(*c.recovery.change), 10)
        << " steps";
  }
  out << "\n";
  if (c.total_cx_points) row("linear drop   ", *c.total_cx_points);
  out << "  (recovery: first step from which CX stays within 0.5 points of its baseline;\n"
         "   linear drop: the CX points all impact paths carry in the linear static model)\n";
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

nlohmann::json side_json(const RunResult& s) {
  using nlohmann::json;
  const sim::Summary& m = s.summary;
  return json{
      {"scenario", s.scenario.name},
      {"record", run_record_json<json>(s.record)},
      {"steps", s.trace.steps()},
      {"cx", json{{"baseline", m.cx_baseline},
                  {"min", m.cx_min},
                  {"min_step", m.cx_min_step},
                  {"final", m.cx_final},
                  {"degraded", m.degraded},
                  {"recovery_step", m.recovery_step ? json(*m.recovery_step) : json(nullptr)},
                  {"trajectory", s.trace.cx()}}},
  };
}

}  // namespace

int run_compare(const CompareOptions& options, std::ostream& out, std::ostream& err) {
  const RunResult base = simulate_one(options.base, options, err);
  const RunResult what_if = simulate_one(options.what_if, options, err);
  const sim::Comparison c =
      sim::compare_runs(view(base), view(what_if), options.top, 2 * options.paths);

  const bool json_to_stdout = options.json && options.json->string() == "-";
  std::string json_text;
  if (options.json) {
    nlohmann::json j{{"base", side_json(base)},
                     {"what_if", side_json(what_if)},
                     {"comparison", comparison_json<nlohmann::json>(c)}};
    json_text = j.dump(2) + "\n";
  }
  if (json_to_stdout) {
    out << json_text;
    return kExitOk;
  }
  print_scenarios(base, what_if, out);
  print_cx(c, base, what_if, out);
  print_roles(c, out);
  print_paths(c, options.paths, out);
  if (options.json) {
    write_file_atomically(*options.json, json_text);
    out << "\nWrote " << options.json->string() << "\n";
  }
  return kExitOk;
}

}  // namespace orgsim::cli
