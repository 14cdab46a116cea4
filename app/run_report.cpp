#include "app/run_report.hpp"

#include <algorithm>

#include "app/text.hpp"
#include "common/number_format.hpp"
#include "model/time_unit.hpp"
#include "sim/summary.hpp"

namespace orgsim::app {

namespace {

constexpr std::size_t kNameWidth = 30;
constexpr std::size_t kDepartmentWidth = 22;

std::string percent(double v) { return format_fixed(100.0 * v, 0) + "%"; }

std::string role_label(const model::OrgGraph& g, model::RoleId r) {
  const auto& role = g.role(r);
  return role.name == role.id ? role.id : role.name + " (" + role.id + ")";
}

void print_header(const RunResult& r, std::ostream& out) {
  const auto& s = r.scenario();
  const auto& g = r.effective();
  out << "Scenario   " << terminal_safe(s.name);
  if (!s.file.empty()) out << "  (" << terminal_safe(s.file) << ")";
  out << "\n";
  out << "Model      " << terminal_safe(g.name) << ": " << count_of(g.role_count(), "role", "roles")
      << ", " << count_of(g.departments().size(), "department", "departments") << ", "
      << count_of(g.dependencies().size(), "dependency", "dependencies") << "\n";
  if (s.failures.empty()) out << "Failures   none\n";
  for (std::size_t i = 0; i < s.failures.size(); ++i) {
    const auto& f = s.failures[i];
    if (i == 5) {
      out << "           ... and " << s.failures.size() - 5 << " more\n";
      break;
    }
    out << (i == 0 ? "Failures   " : "           ") << terminal_safe(role_label(g, f.role))
        << " degraded " << percent(f.degrade) << ", "
        << model::window_text(g.time_unit, f.from, f.to) << "\n";
  }
  if (!s.changes.empty()) out << "Changes    " << s.changes.size() << " structural what-if(s)\n";
  if (const std::size_t n = s.model.uncertain.size() + s.uncertain.size(); n > 0) {
    out << "Uncertain  " << n
        << (n == 1 ? " parameter is a distribution" : " parameters are distributions")
        << (r.monte_carlo ? ": nominal values here, sampled below\n"
                          : ": nominal values here (sample them with --samples N)\n");
  }
  if (!s.initial.empty() && !r.solver) {
    out << "Initial    " << s.initial.size() << " role(s) start degraded: ";
    for (std::size_t i = 0; i < s.initial.size() && i < 3; ++i) {
      out << (i ? ", " : "") << terminal_safe(g.role(s.initial[i].role).name) << " "
          << format_fixed(s.initial[i].q, 2);
    }
    out << (s.initial.size() > 3 ? ", ...\n" : "\n");
  }
  if (r.solver) {
    out << "Run        static fixed point q = min(1, A q + c) for the failures active at step 0\n";
  } else {
    out << "Run        dynamic, " << model::count_units(g.time_unit, r.trace.steps())
        << " (q(0) to q(" << r.trace.steps() << "))\n";
  }
}

void print_cx(const RunResult& r, std::ostream& out) {
  const auto& m = r.summary;
  const std::string& unit = r.effective().time_unit;
  auto points = [&](double v) {
    double d = v - m.cx_baseline;
    return "(" + std::string(d <= 0 ? "" : "+") + format_fixed(d, 2) + " points)";
  };
  out << "\nCX score\n";
  out << "  baseline   " << format_fixed(m.cx_baseline, 2) << "\n";
  if (r.solver) {
    out << "  static     " << format_fixed(m.cx_final, 2) << "   " << points(m.cx_final) << "\n";
    return;
  }
  out << "  minimum    " << format_fixed(m.cx_min, 2) << "   " << points(m.cx_min) << "  at "
      << model::step_text(unit, m.cx_min_step) << "\n";
  out << "  final      " << format_fixed(m.cx_final, 2) << "   " << points(m.cx_final) << "  at "
      << model::step_text(unit, r.trace.steps()) << "\n";
  out << "  recovery   " << describe_recovery(m, unit) << "\n";
  auto cx = r.trace.cx();
  // One block per step (sampled down to 60 columns), scaled from the minimum to the baseline.
  std::vector<double> sampled;
  const std::size_t width = std::min<std::size_t>(cx.size(), 60);
  for (std::size_t i = 0; i < width; ++i) sampled.push_back(cx[i * cx.size() / width]);
  out << "  over time  " << sparkline(sampled, m.cx_min, m.cx_baseline) << "  ("
      << model::window_text(unit, 0, r.trace.steps() + 1) << ")\n";
}

void print_roles(const RunResult& r, std::ostream& out) {
  const auto& g = r.effective();
  if (r.summary.most_degraded.empty()) {
    out << "\nNo role is degraded.\n";
    return;
  }
  out << "\nMost degraded roles (inoperability q: 0 = normal, 1 = not working)\n";
  out << "   #  " << fit("role", kNameWidth) << "  " << fit("department", kDepartmentWidth)
      << (r.solver ? "       q\n" : "    peak  " + right("at " + g.time_unit, 7) + "   final\n");
  int rank = 0;
  for (const auto& impact : r.summary.most_degraded) {
    const auto& role = g.role(impact.role);
    std::string num = std::to_string(++rank);
    out << std::string(4 - std::min<std::size_t>(4, num.size()), ' ') << num << "  "
        << fit(role.name, kNameWidth) << "  "
        << fit(g.department(role.department).name, kDepartmentWidth) << "  "
        << format_fixed(impact.peak, 4);
    if (!r.solver) {
      std::string step = std::to_string(impact.peak_step);
      out << "  " << std::string(7 - std::min<std::size_t>(7, step.size()), ' ') << step << "  "
          << format_fixed(impact.final_q, 4);
    }
    out << "\n";
  }
}

// A path of more than kPathEnds x 2 roles shows its first and last kPathEnds roles
// and how many lie between: a chain thousands of roles deep would otherwise print a
// line of megabytes (the JSON report keeps every role).
constexpr std::size_t kPathEnds = 6;

std::string path_text(const model::OrgGraph& g, const std::vector<model::RoleId>& roles,
                      bool closed) {
  std::string out;
  const std::size_t n = roles.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (n > 2 * kPathEnds && i == kPathEnds) {
      out += "... (" + std::to_string(n - 2 * kPathEnds) + " more roles) -> ";
      i = n - kPathEnds - 1;
      continue;
    }
    out += terminal_safe(g.role(roles[i]).name) + " -> ";
  }
  return out + (closed ? terminal_safe(g.role(roles.front()).name) : std::string("CX"));
}

void print_paths(const RunResult& r, std::ostream& out) {
  if (!r.paths || r.scenario().failures.empty()) return;
  const auto& p = *r.paths;
  out << "\nImpact paths (linear model: degrade x weights along the path x touchpoint x "
         "baseline)\n";
  if (p.paths.empty()) {
    out << "  none: the failed roles have no path to any touchpoint\n";
    return;
  }
  out << "   #  CX points   share  path\n";
  int rank = 0;
  for (const auto& path : p.paths) {
    out << right(std::to_string(++rank), 4) << "  " << right(format_fixed(path.cx_points, 2), 9)
        << "  " << right(format_fixed(100.0 * path.share, 1) + "%", 6) << "  "
        << path_text(r.effective(), path.roles, false) << "\n";
  }
  out << "      " << right(format_fixed(p.remaining_cx_points, 2), 9) << "  "
      << right(format_fixed(100.0 * p.remaining_share, 1) + "%", 6)
      << "  other paths and feedback loops\n";
  out << "      " << right(format_fixed(p.total_cx_points, 2), 9)
      << "  100.0%  total CX drop in the linear static model\n";
}

void print_monte_carlo(const RunResult& r, std::ostream& out) {
  if (!r.monte_carlo) return;
  const sim::MonteCarloResult& mc = *r.monte_carlo;
  out << "\nMonte Carlo (" << mc.samples << " sample" << (mc.samples == 1 ? "" : "s") << ", seed "
      << mc.seed << ", " << mc.uncertain_parameters << " uncertain parameter"
      << (mc.uncertain_parameters == 1 ? "" : "s") << ")\n";
  if (mc.uncertain_parameters == 0) {
    out << "  no parameter is a distribution: every sample is the nominal run\n";
  }
  out << "                    mean        p5       p50       p95\n";
  auto row = [&](const char* label, const sim::SampleStats& st) {
    out << "  " << fit(label, 12) << right(format_fixed(st.mean, 2), 10)
        << right(format_fixed(st.p5, 2), 10) << right(format_fixed(st.p50, 2), 10)
        << right(format_fixed(st.p95, 2), 10) << "\n";
  };
  if (r.solver) {
    row("CX static", mc.cx_final_stats);
  } else {
    row("CX minimum", mc.cx_min_stats);
    row("CX final", mc.cx_final_stats);
  }
  if (mc.threshold) {
    out << "  CX " << (r.solver ? "" : "minimum ") << "below " << format_fixed(*mc.threshold, 2)
        << " in " << format_fixed(100.0 * mc.share_below, 1) << "% of samples ("
        << mc.below_threshold << " of " << mc.samples << ")\n";
  }
}

void print_loops(const RunResult& r, std::ostream& out) {
  if (!r.loops || r.loops->empty()) return;
  out << "\nFeedback loops through the failed roles (each amplifies what enters it by "
         "1/(1 - gain))\n";
  out << "      gain  amplifies  loop\n";
  for (const auto& loop : *r.loops) {
    out << "  " << right(format_significant(loop.gain, 3), 8) << "  "
        << right("x" + format_fixed(loop.amplification, 3), 9) << "  "
        << path_text(r.effective(), loop.roles, true) << "\n";
  }
}

}  // namespace

std::string describe_recovery(const sim::Summary& m, std::string_view unit) {
  const std::string band = format_shortest(sim::kRecoveryBand) + " points";  // "0.5 points"
  if (!m.degraded) return "CX never fell more than " + band + " below baseline";
  if (!m.recovery_step) return "not recovered (CX not back within " + band + " of baseline)";
  return "back within " + band + " of baseline from " + model::step_text(unit, *m.recovery_step);
}

void print_run_report(const RunResult& report, std::ostream& out) {
  print_header(report, out);
  print_cx(report, out);
  print_roles(report, out);
  print_paths(report, out);
  print_loops(report, out);
  print_monte_carlo(report, out);
}

}  // namespace orgsim::app
