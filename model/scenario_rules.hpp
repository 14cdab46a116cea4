#pragma once
// The scenario schema, once: the fields each part of a scenario may and must hold, the
// range of every number, the rules between fields, and the words of every message (the
// ones a model's readers share too, with Interval, are in model/rules.hpp).
// Readers (model/loader.cpp for YAML, serve/what_if.cpp for the server's JSON) turn
// syntax into the plain values below, call these checks, and put their own location in
// front of each message ("s.yaml:5:31: error: " or "failures[0].degrade: ").

#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/org_graph.hpp"
#include "model/rules.hpp"
#include "model/scenario.hpp"

namespace orgsim::model {

/// The fields a scenario file may hold (the server's what-if has `static` instead of `model`).
inline constexpr std::string_view kScenarioKeys[] = {"name",     "description", "model",  "steps",
                                                     "failures", "changes",     "initial"};
inline constexpr std::string_view kFailureKeys[] = {"role", "degrade", "from", "to"};
inline constexpr std::string_view kChangeKeys[] = {"role", "depends_on", "weight", "recovery",
                                                   "touchpoint"};
inline constexpr std::string_view kInitialKeys[] = {"role", "q"};

/// What messages call each part: "failure is missing required field 'role'".
inline constexpr std::string_view kScenarioItem = "scenario";
inline constexpr std::string_view kFailureItem = "failure";
inline constexpr std::string_view kChangeItem = "change";
inline constexpr std::string_view kInitialItem = "initial state";

/// Longest run a scenario may ask for.
inline constexpr int kMaxSteps = 100'000;
/// The ranges of a scenario's own numbers. A change's recovery and touchpoint take the
/// model's ranges (kRecoveryRange, kTouchpointRange in model/rules.hpp).
inline constexpr IntegerInterval kStepsRange{1, kMaxSteps};
inline constexpr Interval kDegradeRange{0.0, 1.0, true, false};  // (0, 1]
inline constexpr IntegerInterval kFromRange{0, INT_MAX};
inline constexpr IntegerInterval kToRange{INT_MIN, INT_MAX};           // and greater than from
inline constexpr Interval kChangeWeightRange{0.0, 1.0, false, false};  // [0, 1]: 0 removes it
inline constexpr Interval kInitialQRange{0.0, 1.0, false, false};      // [0, 1]

/// "steps must be in [1, 100000], got 0", or nullopt. A reader may allow fewer steps
/// (`max_steps`), never more than kMaxSteps.
std::optional<std::string> check_steps(long long steps, std::string_view written,
                                       int max_steps = kMaxSteps);

/// A field of a scenario item as a reader found it.
template <typename T>
struct ItemField {
  bool present = false;    ///< the item holds the key
  std::optional<T> value;  ///< empty when absent or unreadable (the reader said why)
  std::string written;     ///< the value as written, for "got ..." in range messages
  std::size_t order = 0;   ///< where the key is written in the item (YAML: its byte offset)
};

struct FailureItem {
  ItemField<std::string> role;
  ItemField<double> degrade;
  ItemField<long long> from;
  ItemField<long long> to;
};

struct ChangeItem {
  ItemField<std::string> role;
  ItemField<std::string> depends_on;
  ItemField<double> weight;
  ItemField<double> recovery;
  ItemField<double> touchpoint;
};

struct InitialItem {
  ItemField<std::string> role;
  ItemField<double> q;
};

/// One problem with an item, without its location.
struct ItemProblem {
  std::string_view field;  ///< the key it is about, or "" for the item as a whole
  std::string message;
  bool at_key = false;  ///< about the key as written (a second kind of change), not its value
};

/// The outcome of checking one item: the item when it is valid (`where` left empty), and
/// every problem in the order found.
template <typename T>
struct Checked {
  std::optional<T> item;
  std::vector<ItemProblem> problems;
};

/// Checks the items of one scenario as a reader finds them, against the scenario's
/// model: required fields, ranges, rules between fields, role ids (with "did you mean"),
/// one initial state per role. Make one per scenario read.
class ScenarioChecker {
 public:
  /// `model` (which must outlive the checker) null: it could not be read, so role ids
  /// are not looked up and no item is valid.
  explicit ScenarioChecker(const OrgGraph* model) : model_(model) {}

  /// Role and degrade required; to > from. Time complexity: O(1) for a known role.
  Checked<Failure> failure(const FailureItem& item);
  /// Role required, and exactly one of: depends_on with weight, recovery, touchpoint.
  Checked<Change> change(const ChangeItem& item);
  /// Role and q required, each role once; `where` names this item in the message about
  /// a later duplicate ("(first at line 5)", "(first at initial[0])").
  Checked<InitialState> initial(const InitialItem& item, std::string where);

 private:
  std::optional<RoleId> find_role(const ItemField<std::string>& field, std::string_view key,
                                  std::vector<ItemProblem>& problems);
  /// A required role field: missing (`item` names the item) or unknown is a problem.
  std::optional<RoleId> required_role(const ItemField<std::string>& field, std::string_view item,
                                      std::vector<ItemProblem>& problems);

  const OrgGraph* model_;
  SuggestBudget suggest_;  // "did you mean" compares against every role
  std::unordered_map<std::uint32_t, std::string> first_initial_;  // role -> where
};

}  // namespace orgsim::model
