#include "model/uncertainty.hpp"

#include <cassert>

namespace orgsim::model {

std::size_t uncertain_count(const Scenario& scenario) {
  return scenario.model.uncertain.size() + scenario.uncertain.size();
}

void set_uncertain_value(OrgGraph& model, const UncertainParameter& p, double value) {
  switch (p.field) {
    case UncertainField::kDependencyWeight:
      model.mutable_dependencies()[p.index].weight = value;
      return;
    case UncertainField::kRoleRecovery:
      model.role(RoleId(p.index)).recovery = value;
      return;
    case UncertainField::kRoleTouchpoint:
      model.role(RoleId(p.index)).touchpoint = value;
      return;
    default:
      assert(false && "not a model field");
  }
}

void set_uncertain_value(Scenario& s, const UncertainParameter& p, double value) {
  switch (p.field) {
    case UncertainField::kFailureDegrade:
      s.failures[p.index].degrade = value;
      return;
    case UncertainField::kChangeWeight:
      s.changes[p.index].weight = value;
      return;
    case UncertainField::kChangeRecovery:
      s.changes[p.index].recovery = value;
      return;
    case UncertainField::kChangeTouchpoint:
      s.changes[p.index].touchpoint = value;
      return;
    default:
      set_uncertain_value(s.model, p, value);
  }
}

namespace {
bool raises_risk(UncertainField f) {
  return f == UncertainField::kDependencyWeight || f == UncertainField::kRoleTouchpoint ||
         f == UncertainField::kChangeWeight || f == UncertainField::kChangeTouchpoint;
}
}  // namespace

OrgGraph at_upper_bounds(const OrgGraph& model) {
  OrgGraph out = model;
  for (const UncertainParameter& p : model.uncertain) {
    if (raises_risk(p.field)) set_uncertain_value(out, p, p.dist.upper_bound());
  }
  out.uncertain.clear();
  return out;
}

Scenario at_upper_bounds(const Scenario& scenario) {
  Scenario out = scenario;
  out.model = at_upper_bounds(scenario.model);
  for (const UncertainParameter& p : scenario.uncertain) {
    if (raises_risk(p.field)) set_uncertain_value(out, p, p.dist.upper_bound());
  }
  out.uncertain.clear();
  return out;
}

}  // namespace orgsim::model
