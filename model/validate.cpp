#include "model/validate.hpp"

#include <algorithm>
#include <string>

#include "common/errors.hpp"
#include "common/number_format.hpp"
#include "model/scenario_rules.hpp"
#include "model/structure.hpp"
#include "model/uncertainty.hpp"

namespace orgsim::model {

namespace {

// Warnings about single roles stop after this many, then one line says how many more.
constexpr std::size_t kMaxRoleWarnings = 20;
// Loops are named by at most this many of their roles.
constexpr std::size_t kMaxNamedRoles = 8;

std::string number(double v) { return format_significant(v, 6); }

// Loop gains near the limit need their digits: 0.999999999999999 is refused, 0.999999 not.
std::string gain(double v) { return format_significant(v, 15); }

// The gain as its bounds show it: "1", or "between 0.999999999999998 and 1" while they
// differ in those digits (power iteration stops once they are within 1e-9).
std::string gain(const RadiusBounds& b) {
  const std::string low = gain(b.lower), high = gain(b.upper);
  return low == high ? low : "between " + low + " and " + high;
}

// Appended to messages about a model whose uncertain values were set to their upper bounds.
constexpr std::string_view kAtUpperBounds = " (uncertain values at their upper bounds)";

// The sum rule alone; check_touchpoints adds the warning for a model without any.
std::size_t check_touchpoint_sum(const OrgGraph& model, std::string_view note, Diagnostics& out) {
  double sum = 0.0;
  std::size_t touchpoints = 0;
  for (const Role& r : model.roles()) {
    if (r.touchpoint <= 0.0) continue;
    ++touchpoints;
    double before = sum;
    sum += r.touchpoint;
    // Located at the touchpoint that tips the sum over 1: that is the one to look at.
    if (before <= 1.0 + 1e-12 && sum > 1.0 + 1e-12) {
      out.error(model.locate_role(r),
                "touchpoint weights sum to more than 1 (" + number(sum) + " after role '" + r.id +
                    "'): the CX score could fall below 0" + std::string(note));
    }
  }
  return touchpoints;
}

void check_touchpoints(const OrgGraph& model, std::string_view note, Diagnostics& out) {
  const std::size_t touchpoints = check_touchpoint_sum(model, note, out);
  if (touchpoints == 0 && model.role_count() > 0) {
    out.warning({model.file, 0, 0},
                "no role has a touchpoint weight: no failure can change the CX score");
  }
}

std::string name_roles(const OrgGraph& model, std::span<const std::uint32_t> roles) {
  std::string names;
  for (std::size_t i = 0; i < roles.size() && i < kMaxNamedRoles; ++i) {
    if (i) names += ", ";
    names += "'" + model.roles()[roles[i]].id + "'";
  }
  if (roles.size() > kMaxNamedRoles) {
    names += " and " + std::to_string(roles.size() - kMaxNamedRoles) + " more";
  }
  return names;
}

void check_loops(const OrgGraph& model, std::string_view note, Diagnostics& out) {
  ComponentOrder order = strong_components(model);
  std::vector<RadiusBounds> bounds = spectral_radius_bounds(model, order);
  for (std::size_t c = 0; c < order.size(); ++c) {
    if (!order.is_cyclic(c)) continue;
    const RadiusBounds& b = bounds[c];
    if (b.upper < kMaxLoopGain) continue;
    auto roles = order.roles(c);
    const Role& first = model.roles()[roles.front()];
    std::string what = "feedback loop among " + std::to_string(roles.size()) + " roles (" +
                       name_roles(model, roles) + ") ";
    const std::string limit = ", above the largest gain accepted, 1 - 1e-9";
    const std::string why =
        ": the static model diverges or cannot be solved to 1e-12; lower a weight inside the "
        "loop" +
        std::string(note);
    if (b.upper - b.lower < 1e-9) {
      out.error(model.locate_role(first),
                what + "has gain (spectral radius) " + gain(b) + limit + why);
    } else if (b.lower >= kMaxLoopGain) {
      out.error(model.locate_role(first),
                what + "has gain (spectral radius) of at least " + gain(b.lower) + limit + why);
    } else {
      out.error(model.locate_role(first),
                what + "could not be shown to have gain below 1 - 1e-9 (spectral radius between " +
                    gain(b.lower) + " and " + gain(b.upper) + "); lower a weight inside the loop" +
                    std::string(note));
    }
  }
}

// A role reaches the customer when it is a touchpoint or some role that depends on
// it reaches the customer: a breadth-first search from the touchpoints along
// "depends on" edges.
void check_reachability(const OrgGraph& model, Diagnostics& out) {
  const std::size_t n = model.role_count();
  std::vector<std::size_t> start(n + 1, 0);
  for (const auto& d : model.dependencies()) ++start[d.role.value + 1];
  for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  std::vector<std::uint32_t> suppliers(start[n]);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (const auto& d : model.dependencies()) suppliers[next[d.role.value]++] = d.depends_on.value;

  std::vector<char> reached(n, 0);
  std::vector<std::uint32_t> queue;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (model.roles()[i].touchpoint > 0.0) {
      reached[i] = 1;
      queue.push_back(i);
    }
  }
  if (queue.empty()) return;  // check_touchpoints already said so
  for (std::size_t head = 0; head < queue.size(); ++head) {
    std::uint32_t r = queue[head];
    for (std::size_t e = start[r]; e < start[r + 1]; ++e) {
      if (!reached[suppliers[e]]) {
        reached[suppliers[e]] = 1;
        queue.push_back(suppliers[e]);
      }
    }
  }
  std::size_t unreached = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (reached[i]) continue;
    if (++unreached <= kMaxRoleWarnings) {
      const Role& r = model.roles()[i];
      out.warning(model.locate_role(r), "role '" + r.id +
                                            "' has no path to any touchpoint: its failures "
                                            "never reach the CX score");
    }
  }
  if (unreached > kMaxRoleWarnings) {
    out.warning({model.file, 0, 0}, std::to_string(unreached - kMaxRoleWarnings) +
                                        " more roles have no path to any touchpoint");
  }
}

// `at_bounds`: the model's uncertain values were set to their upper bounds.
Diagnostics check_model(const OrgGraph& model, bool at_bounds) {
  const std::string_view note = at_bounds ? kAtUpperBounds : std::string_view();
  Diagnostics out;
  check_touchpoints(model, note, out);
  check_loops(model, note, out);
  check_reachability(model, out);
  return out;
}

}  // namespace

Diagnostics validate_model(const OrgGraph& model) {
  if (model.uncertain.empty()) return check_model(model, false);
  return check_model(at_upper_bounds(model), true);
}

Diagnostics validate_touchpoint_sum(const OrgGraph& model) {
  Diagnostics out;
  check_touchpoint_sum(model, {}, out);
  return out;
}

Diagnostics validate_scenario(const Scenario& scenario) {
  Diagnostics out;
  // The loaders refuse these; a scenario built in code must not reach the solvers
  // with one (the matrix would hold its diagonal entry twice).
  for (const Change& c : scenario.changes) {
    if (c.depends_on && *c.depends_on == c.role) {
      out.error(scenario.locate(c.where), self_dependency_message(scenario.model.role(c.role).id));
    }
  }
  if (out.has_errors()) return out;
  if (scenario.changes.empty()) {
    out = validate_model(scenario.model);
  } else if (uncertain_count(scenario) == 0) {
    out = check_model(apply_changes(scenario.model, scenario.changes), false);
  } else {
    const Scenario upper = at_upper_bounds(scenario);
    out = check_model(apply_changes(upper.model, upper.changes), true);
  }
  for (const Failure& f : scenario.failures) {
    if (f.from >= scenario.steps) {
      out.warning(scenario.locate(f.where),
                  "failure of '" + scenario.model.role(f.role).id + "' starts at step " +
                      std::to_string(f.from) + ", after the last step of the run (steps: " +
                      std::to_string(scenario.steps) + "); it has no effect");
    }
  }
  return out;
}

void throw_if_errors(const Diagnostics& diagnostics, const SourceFiles* sources, bool strict) {
  if (diagnostics.has_errors() || (strict && diagnostics.warning_count() > 0)) {
    throw ValidationError(diagnostics, format_diagnostics(diagnostics, sources));
  }
}

}  // namespace orgsim::model
