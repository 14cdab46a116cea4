#include "model/scenario_rules.hpp"

#include <algorithm>

#include "model/internal/name_hints.hpp"

namespace orgsim::model {

namespace {

constexpr std::string_view kNoChangeKind =
    "change must set one of 'depends_on' with 'weight', 'recovery' or 'touchpoint'";
constexpr std::string_view kSeveralChangeKinds =
    "change sets more than one of 'depends_on' with 'weight', 'recovery' and 'touchpoint'; "
    "write each change as its own item";

// The value of a read number field, or nullopt with the range problem noted.
// `Range` is Interval for double, IntegerInterval for long long.
template <typename T, typename Range>
std::optional<T> in_range(const ItemField<T>& field, std::string_view key, const Range& range,
                          std::vector<ItemProblem>& problems) {
  if (!field.value) return std::nullopt;
  if (auto message = check_range(key, range, *field.value, field.written)) {
    problems.push_back({key, std::move(*message)});
    return std::nullopt;
  }
  return field.value;
}

void require(bool present, std::string_view item, std::string_view key,
             std::vector<ItemProblem>& problems) {
  if (!present) problems.push_back({"", missing_field_message(item, key)});
}

// A required number field of `item`: missing or out of range is a problem.
std::optional<double> required_in_range(const ItemField<double>& field, std::string_view item,
                                        std::string_view key, const Interval& range,
                                        std::vector<ItemProblem>& problems) {
  require(field.present, item, key, problems);
  return in_range(field, key, range, problems);
}

}  // namespace

std::optional<std::string> check_steps(long long steps, std::string_view written, int max_steps) {
  return check_range("steps", IntegerInterval{kStepsRange.low, std::min(max_steps, kMaxSteps)},
                     steps, written);
}

std::optional<RoleId> ScenarioChecker::find_role(const ItemField<std::string>& field,
                                                 std::string_view key,
                                                 std::vector<ItemProblem>& problems) {
  if (!field.value || !model_) return std::nullopt;
  const std::string& id = *field.value;
  if (auto role = model_->find_role(id)) return role;
  const std::string hint =
      suggest_.suggest(id, model_->role_count(),
                       [&](std::size_t i) -> std::string_view { return model_->roles()[i].id; });
  problems.push_back({key, unknown_role_message(id, hint)});
  return std::nullopt;
}

std::optional<RoleId> ScenarioChecker::required_role(const ItemField<std::string>& field,
                                                     std::string_view item,
                                                     std::vector<ItemProblem>& problems) {
  require(field.present, item, "role", problems);
  return find_role(field, "role", problems);
}

Checked<Failure> ScenarioChecker::failure(const FailureItem& item) {
  Checked<Failure> out;
  auto& problems = out.problems;
  const std::optional<RoleId> role = required_role(item.role, kFailureItem, problems);
  const std::optional<double> degrade =
      required_in_range(item.degrade, kFailureItem, "degrade", kDegradeRange, problems);
  const std::optional<long long> from = in_range(item.from, "from", kFromRange, problems);
  const std::optional<long long> to = in_range(item.to, "to", kToRange, problems);
  const bool from_ok = from || !item.from.present;
  bool to_ok = to || !item.to.present;
  if (to && from_ok && *to <= from.value_or(0)) {
    problems.push_back({"to", "to (" + std::to_string(*to) + ") must be greater than from (" +
                                  std::to_string(from.value_or(0)) + ")"});
    to_ok = false;
  }
  if (role && degrade && from_ok && to_ok) {
    // In range: from and to fit an int.
    out.item = Failure{*role,
                       *degrade,
                       static_cast<int>(from.value_or(0)),
                       to ? std::optional<int>(static_cast<int>(*to)) : std::nullopt,
                       {}};
  }
  return out;
}

Checked<Change> ScenarioChecker::change(const ChangeItem& item) {
  Checked<Change> out;
  auto& problems = out.problems;
  const std::optional<RoleId> role = required_role(item.role, kChangeItem, problems);
  bool ok = role.has_value();
  // The kinds the item sets, each where its first key is written, so that a second
  // kind is reported where it is written.
  struct Kind {
    std::size_t order;
    std::string_view key;
  };
  std::vector<Kind> kinds;
  if (item.depends_on.present && item.weight.present) {
    kinds.push_back(item.weight.order < item.depends_on.order
                        ? Kind{item.weight.order, "weight"}
                        : Kind{item.depends_on.order, "depends_on"});
  } else if (item.depends_on.present || item.weight.present) {
    kinds.push_back(item.depends_on.present ? Kind{item.depends_on.order, "depends_on"}
                                            : Kind{item.weight.order, "weight"});
  }
  if (item.recovery.present) kinds.push_back({item.recovery.order, "recovery"});
  if (item.touchpoint.present) kinds.push_back({item.touchpoint.order, "touchpoint"});
  std::stable_sort(kinds.begin(), kinds.end(),
                   [](const Kind& a, const Kind& b) { return a.order < b.order; });
  if (kinds.empty()) {
    problems.push_back({"", std::string(kNoChangeKind)});
    ok = false;
  } else if (kinds.size() > 1) {
    problems.push_back({kinds[1].key, std::string(kSeveralChangeKinds), true});
    ok = false;
  }
  if (item.depends_on.present != item.weight.present) {
    problems.push_back({"", item.depends_on.present
                                ? missing_field_message("change with 'depends_on'", "weight")
                                : missing_field_message("change with 'weight'", "depends_on")});
    ok = false;
  }
  Change change;
  if (item.depends_on.present) {
    change.depends_on = find_role(item.depends_on, "depends_on", problems);
    if (!change.depends_on) ok = false;
    if (role && change.depends_on && *role == *change.depends_on) {
      problems.push_back({"depends_on", self_dependency_message(model_->role(*role).id)});
      ok = false;
    }
  }
  auto value = [&](std::optional<double>& to, const ItemField<double>& field, std::string_view key,
                   const Interval& range) {
    if (!field.present) return;
    to = in_range(field, key, range, problems);
    if (!to) ok = false;
  };
  value(change.weight, item.weight, "weight", kChangeWeightRange);
  value(change.recovery, item.recovery, "recovery", kRecoveryRange);
  value(change.touchpoint, item.touchpoint, "touchpoint", kTouchpointRange);
  if (ok) {
    change.role = *role;
    out.item = change;
  }
  return out;
}

Checked<InitialState> ScenarioChecker::initial(const InitialItem& item, std::string where) {
  Checked<InitialState> out;
  auto& problems = out.problems;
  const std::optional<RoleId> role = required_role(item.role, kInitialItem, problems);
  const std::optional<double> q =
      required_in_range(item.q, kInitialItem, "q", kInitialQRange, problems);
  if (!role) return out;
  auto [first, added] = first_initial_.try_emplace(role->value, std::move(where));
  if (!added) {
    problems.push_back({"role", "duplicate initial state for role " +
                                    in_quotes(model_->role(*role).id) + " (first at " +
                                    first->second + ")"});
    return out;
  }
  if (q) out.item = InitialState{*role, *q, {}};
  return out;
}

}  // namespace orgsim::model
