#pragma once
// The rules every reader of orgsim's input shares, written once: the range type and the
// ranges of a model's numbers, the rule for ids, the "did you mean" budget, and the
// words of the messages they give. The YAML reader (model/internal/yaml_reader.hpp), the
// CSV tables (model/csv_model.cpp) and the scenario checks (model/scenario_rules.hpp,
// also behind the server's JSON) call these and put their own location in front of
// each message. No yaml-cpp here: model/scenario_rules.hpp, a public header, includes it.

#include <climits>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace orgsim::model {

struct Department;

/// An interval of allowed numbers, written "(0, 1]" in messages.
struct Interval {
  double low = 0.0;
  double high = 1.0;
  bool low_open = false;
  bool high_open = false;

  bool contains(double v) const;
  /// As printf's "%g", in any locale: "(0, 1]", "[0, 100]".
  std::string str() const;
};

/// Inclusive integer bounds. A bound at INT_MIN or INT_MAX is left out of messages
/// ("from must be at least 0").
struct IntegerInterval {
  long long low = INT_MIN;
  long long high = INT_MAX;
};

/// The range of each number of a model, in YAML and CSV alike. A scenario's changes set
/// recovery and touchpoint too; a change's weight has its own range (kChangeWeightRange).
inline constexpr Interval kBaselineRange{0.0, 100.0, true, false};        // (0, 100]
inline constexpr Interval kRecoveryRange{0.0, 1.0, true, false};          // (0, 1]
inline constexpr Interval kTouchpointRange{0.0, 1.0, false, false};       // [0, 1]
inline constexpr Interval kDependencyWeightRange{0.0, 1.0, true, false};  // (0, 1]

/// Longest id accepted, in bytes.
inline constexpr std::size_t kMaxIdBytes = 256;

/// "unknown field 'wieght' in change; did you mean 'weight'?" (the hint among `allowed`).
std::string unknown_field_message(std::string_view key, std::string_view item,
                                  std::span<const std::string_view> allowed);

/// "failure is missing required field 'degrade'".
std::string missing_field_message(std::string_view item, std::string_view key);

/// "degrade must be in (0, 1], got 1.5", or nullopt when `value` is in `range`.
/// `written` is the value as the input wrote it.
std::optional<std::string> check_range(std::string_view key, const Interval& range, double value,
                                       std::string_view written);

/// "from must be at least 0, got -1", or nullopt when `value` is in `range`. A reader
/// that met an integer too large for long long passes LLONG_MIN or LLONG_MAX.
std::optional<std::string> check_range(std::string_view key, const IntegerInterval& range,
                                       long long value, std::string_view written);

/// "field 'id' is too long: 300 bytes, at most 256", "... must not contain control
/// characters, got '...'", or nullopt for an id within the rule. `subject` names the
/// id as the input holds it ("field 'id'", "column 'role'"); an empty id is the reader's.
std::optional<std::string> check_id(std::string_view subject, std::string_view id);

/// Names are labels drawn in pictures and titles: at most this many bytes.
inline constexpr std::size_t kMaxNameBytes = 256;

/// "field 'name' is too long: ...", "... must not contain control characters, got '...'"
/// (a NUL or newline in a name breaks Graphviz labels and terminal tables), or nullopt.
std::optional<std::string> check_name(std::string_view subject, std::string_view name);

/// "duplicate role id 'web' (first defined at line 4)"; `kind` is "role" or "department".
std::string duplicate_id_message(std::string_view kind, std::string_view id, int first_line);

/// "duplicate dependency web -> db (first at line 3)".
std::string duplicate_dependency_message(std::string_view role_id, std::string_view on_id,
                                         int first_line);

/// "unknown department 'opz'; did you mean 'ops'?" (`hint` from did_you_mean, or "").
std::string unknown_department_message(std::string_view id, std::string_view hint);

/// The hint for a department referred to by its name rather than its id:
/// "; 'Operations' is the name of department 'ops': refer to it by its id 'ops'", or "" when
/// `written` is no department's name (compared ignoring ASCII case). Looks at most
/// kMaxNamedDepartments departments, so a model with thousands stays fast.
std::string department_name_hint(std::string_view written, std::span<const Department> departments);
inline constexpr std::size_t kMaxNamedDepartments = 1000;

/// "unknown role 'paymnts'; did you mean 'payments'?" (`hint` from did_you_mean, or "").
std::string unknown_role_message(std::string_view id, std::string_view hint);

/// "role 'web' cannot depend on itself".
std::string self_dependency_message(std::string_view role_id);

/// did_you_mean within a budget of compared names, so that an input full of unknown
/// names for a large model stays fast (later ones get no hint). One per input read.
class SuggestBudget {
 public:
  std::string suggest(std::string_view name, std::size_t count,
                      const std::function<std::string_view(std::size_t)>& candidate);

 private:
  std::size_t left_ = 5'000'000;
};

}  // namespace orgsim::model
