// The JSON side of a what-if. nlohmann-json is costly to compile: it stays in this
// file and api.cpp.
#include "serve/what_if.hpp"

#include <climits>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "model/suggest.hpp"
#include "model/validate.hpp"

namespace orgsim::serve {

using nlohmann::json;

RequestError::RequestError(int status, std::string message, std::vector<std::string> details)
    : Error(std::move(message)), status_(status), details_(std::move(details)) {}

namespace {

constexpr std::string_view kWhatIfKeys[] = {"name",    "description", "failures", "changes",
                                            "initial", "steps",       "static"};
constexpr std::string_view kFailureKeys[] = {"role", "degrade", "from", "to"};
constexpr std::string_view kChangeKeys[] = {"role", "depends_on", "weight", "recovery",
                                            "touchpoint"};
constexpr std::string_view kInitialKeys[] = {"role", "q"};

template <std::size_t N>
std::string key_list(const std::string_view (&keys)[N]) {
  std::string out;
  for (std::string_view k : keys) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Echoes of client text are cut short: an error message is no place for 1 MB.
std::string echo_quoted(std::string_view text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kMax)) + "...'";
}

// Collects problems as "path: message" while one what-if is read.
class Reader {
 public:
  Reader(const model::OrgGraph& model, const WhatIfLimits& limits)
      : model_(model), limits_(limits) {}

  void problem(const std::string& path, const std::string& message) {
    problems_.push_back(path + ": " + message);
  }
  std::vector<std::string>& problems() { return problems_; }
  const model::OrgGraph& model() const { return model_; }
  const WhatIfLimits& limits() const { return limits_; }

  template <std::size_t N>
  bool object(const json& j, const std::string& path, const char* what,
              const std::string_view (&keys)[N]) {
    if (!j.is_object()) {
      problem(path, std::string(what) + " must be a JSON object");
      return false;
    }
    for (const auto& item : j.items()) {
      bool known = false;
      for (std::string_view k : keys) known = known || item.key() == k;
      if (!known) {
        problem(path, "unknown field " + echo_quoted(item.key()) + " in " + what + "; expected " +
                          key_list(keys));
      }
    }
    return true;
  }

  std::optional<model::RoleId> role(const json& j, const std::string& path) {
    if (!j.is_string()) {
      problem(path, "must be a role id (a string)");
      return std::nullopt;
    }
    const auto& id = j.get_ref<const std::string&>();
    if (auto r = model_.find_role(id)) return r;
    problem(path, "unknown role " + echo_quoted(id) + model::suggest_role(model_, id));
    return std::nullopt;
  }

  // A number in [lo, hi]; `open_low` excludes lo.
  std::optional<double> number(const json& j, const std::string& path, double lo, double hi,
                               bool open_low) {
    if (!j.is_number()) {
      problem(path, "must be a number");
      return std::nullopt;
    }
    const double v = j.get<double>();
    if (v < lo || v > hi || (open_low && v == lo)) {
      problem(path, "must be in " + std::string(open_low ? "(" : "[") + number_text(lo) + ", " +
                        number_text(hi) + "], got " + number_text(v));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> integer(const json& j, const std::string& path, long long lo, long long hi) {
    if (!j.is_number_integer()) {
      problem(path, "must be an integer");
      return std::nullopt;
    }
    long long v = 0;
    if (j.is_number_unsigned()) {
      const auto u = j.get<std::uint64_t>();
      v = u > static_cast<std::uint64_t>(LLONG_MAX) ? LLONG_MAX : static_cast<long long>(u);
    } else {
      v = j.get<long long>();
    }
    if (v < lo || v > hi) {
      problem(path, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                        std::to_string(v));
      return std::nullopt;
    }
    return static_cast<int>(v);
  }

 private:
  const model::OrgGraph& model_;
  const WhatIfLimits& limits_;
  std::vector<std::string> problems_;
};

const json* field(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

void read_failures(Reader& r, const json& list, WhatIf& w) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "failures[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!r.object(item, path, "failure", kFailureKeys)) continue;
    std::optional<model::RoleId> role;
    std::optional<double> degrade;
    if (const json* v = field(item, "role")) {
      role = r.role(*v, path + ".role");
    } else {
      r.problem(path, "missing required field 'role'");
    }
    if (const json* v = field(item, "degrade")) {
      degrade = r.number(*v, path + ".degrade", 0.0, 1.0, true);
    } else {
      r.problem(path, "missing required field 'degrade'");
    }
    int from = 0;
    bool ok = role && degrade;
    if (const json* v = field(item, "from")) {
      auto f = r.integer(*v, path + ".from", 0, INT_MAX);
      ok = ok && f;
      from = f.value_or(0);
    }
    std::optional<int> to;
    if (const json* v = field(item, "to"); v && !v->is_null()) {
      to = r.integer(*v, path + ".to", INT_MIN, INT_MAX);
      if (!to) {
        ok = false;
      } else if (*to <= from) {
        r.problem(path + ".to", "to (" + std::to_string(*to) + ") must be greater than from (" +
                                    std::to_string(from) + ")");
        ok = false;
      }
    }
    if (ok) w.failures.push_back({*role, *degrade, from, to, {}});
  }
}

void read_changes(Reader& r, const json& list, WhatIf& w) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "changes[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!r.object(item, path, "change", kChangeKeys)) continue;
    model::Change change;
    bool ok = true;
    std::optional<model::RoleId> role;
    if (const json* v = field(item, "role")) {
      role = r.role(*v, path + ".role");
    } else {
      r.problem(path, "missing required field 'role'");
    }
    ok = role.has_value();
    const bool dependency = item.contains("depends_on") || item.contains("weight");
    const int kinds =
        int{dependency} + int{item.contains("recovery")} + int{item.contains("touchpoint")};
    if (kinds == 0) {
      r.problem(path,
                "change must set one of 'depends_on' with 'weight', 'recovery' or "
                "'touchpoint'");
      ok = false;
    } else if (kinds > 1) {
      r.problem(path,
                "change sets more than one of 'depends_on' with 'weight', 'recovery' and "
                "'touchpoint'; send each change as its own item");
      ok = false;
    }
    if (dependency && item.contains("depends_on") != item.contains("weight")) {
      r.problem(path, item.contains("depends_on")
                          ? "change with 'depends_on' is missing required field 'weight'"
                          : "change with 'weight' is missing required field 'depends_on'");
      ok = false;
    }
    if (const json* v = field(item, "depends_on")) {
      change.depends_on = r.role(*v, path + ".depends_on");
      if (!change.depends_on) ok = false;
      if (role && change.depends_on && *role == *change.depends_on) {
        r.problem(path + ".depends_on",
                  "role " + echo_quoted(r.model().role(*role).id) + " cannot depend on itself");
        ok = false;
      }
    }
    auto read_value = [&](std::optional<double>& out, const char* key, bool open_low) {
      if (const json* v = field(item, key)) {
        out = r.number(*v, path + "." + key, 0.0, 1.0, open_low);
        if (!out) ok = false;
      }
    };
    read_value(change.weight, "weight", false);  // 0 removes the dependency
    read_value(change.recovery, "recovery", true);
    read_value(change.touchpoint, "touchpoint", false);
    if (!ok) continue;
    change.role = *role;
    w.changes.push_back(change);
  }
}

void read_initial(Reader& r, const json& list, WhatIf& w) {
  std::unordered_set<std::uint32_t> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "initial[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!r.object(item, path, "initial state", kInitialKeys)) continue;
    std::optional<model::RoleId> role;
    std::optional<double> q;
    if (const json* v = field(item, "role")) {
      role = r.role(*v, path + ".role");
    } else {
      r.problem(path, "missing required field 'role'");
    }
    if (const json* v = field(item, "q")) {
      q = r.number(*v, path + ".q", 0.0, 1.0, false);
    } else {
      r.problem(path, "missing required field 'q'");
    }
    if (role && !seen.insert(role->value).second) {
      r.problem(path + ".role",
                "duplicate initial state for role " + echo_quoted(r.model().role(*role).id));
      continue;
    }
    if (role && q) w.initial.push_back({*role, *q, {}});
  }
}

}  // namespace

json parse_json_body(std::string_view body) {
  // Nesting depth on the raw text (brackets outside strings), before the parser
  // builds anything: a body of 500,000 '[' is refused in one pass.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        throw RequestError(400, "malformed JSON: nested deeper than " +
                                    std::to_string(kMaxJsonDepth) + " levels at byte " +
                                    std::to_string(i + 1));
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  try {
    return json::parse(body);
  } catch (const json::exception& e) {
    // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
    std::string what = e.what();
    if (auto close = what.find("] ");
        what.rfind("[json.exception.", 0) == 0 && close != std::string::npos) {
      what = what.substr(close + 2);
    }
    throw RequestError(400, "malformed JSON: " + what);
  }
}

WhatIf what_if_from_json(const json& j, const model::OrgGraph& model, int default_steps,
                         const WhatIfLimits& limits) {
  WhatIf w;
  w.steps = default_steps;
  Reader r(model, limits);
  if (!r.object(j, "what-if", "a what-if", kWhatIfKeys)) {
    throw RequestError(400, "invalid what-if: the body must be a JSON object", r.problems());
  }
  // Text without NUL: Graphviz cuts DOT strings at one (the picture would fail).
  auto read_text = [&r](const json& v, const char* key, std::string& out) {
    if (!v.is_string()) {
      r.problem(key, "must be a string");
    } else if (v.get_ref<const std::string&>().find('\0') != std::string::npos) {
      r.problem(key, "must not contain a NUL character (\\u0000)");
    } else {
      out = v.get<std::string>();
    }
  };
  if (const json* v = field(j, "name")) read_text(*v, "name", w.name);
  if (const json* v = field(j, "description")) read_text(*v, "description", w.description);
  if (const json* v = field(j, "steps")) {
    if (auto s = r.integer(*v, "steps", 1, limits.max_steps)) w.steps = *s;
  }
  if (const json* v = field(j, "static")) {
    if (v->is_boolean()) {
      w.static_mode = v->get<bool>();
    } else {
      r.problem("static", "must be true or false");
    }
  }
  std::size_t items = 0;
  for (const char* key : {"failures", "changes", "initial"}) {
    const json* list = field(j, key);
    if (list == nullptr || list->is_null()) continue;
    if (!list->is_array()) {
      r.problem(key, "must be a JSON array");
      continue;
    }
    items += list->size();
  }
  if (items > limits.max_items) {
    throw RequestError(400, "invalid what-if: " + std::to_string(items) +
                                " failures, changes and initial states; at most " +
                                std::to_string(limits.max_items) + " are allowed");
  }
  if (const json* v = field(j, "failures"); v && v->is_array()) read_failures(r, *v, w);
  if (const json* v = field(j, "changes"); v && v->is_array()) read_changes(r, *v, w);
  if (const json* v = field(j, "initial"); v && v->is_array()) read_initial(r, *v, w);
  if (!r.problems().empty()) {
    const std::size_t n = r.problems().size();
    std::string message = n == 1 ? "invalid what-if: " + r.problems().front()
                                 : "invalid what-if: " + std::to_string(n) + " problems";
    throw RequestError(400, std::move(message), std::move(r.problems()));
  }
  return w;
}

model::Scenario to_scenario(const model::Scenario& base, const WhatIf& what_if,
                            std::vector<std::string>& warnings) {
  model::Scenario s;
  s.name = what_if.name.empty() ? base.name : what_if.name;
  s.description = what_if.description;
  s.model = base.model;
  s.steps = what_if.steps;
  s.failures = what_if.failures;
  s.changes = what_if.changes;
  s.initial = what_if.initial;
  // The unchanged model was validated when the server started; only changes can
  // break it (a loop that no longer converges, touchpoints summing over 1).
  if (!s.changes.empty()) {
    const Diagnostics d = model::validate_scenario(s);
    std::vector<std::string> errors;
    for (const auto& item : d.items()) {
      (item.severity == Severity::kError ? errors : warnings).push_back(item.message);
    }
    if (!errors.empty()) {
      for (auto& e : errors) e = "changes: " + e;
      std::string message =
          "invalid what-if: " +
          (errors.size() == 1 ? errors.front()
                              : std::to_string(errors.size()) + " problems with the changed model");
      throw RequestError(400, std::move(message), std::move(errors));
    }
  }
  for (const auto& f : s.failures) {
    if (f.from >= s.steps && !what_if.static_mode) {
      warnings.push_back("failure of '" + s.model.role(f.role).id + "' starts at step " +
                         std::to_string(f.from) + ", after the last step of the run (steps: " +
                         std::to_string(s.steps) + "); it has no effect");
    }
  }
  return s;
}

json what_if_to_json(const WhatIf& w, const model::OrgGraph& model) {
  json failures = json::array();
  for (const auto& f : w.failures) {
    json item = {{"role", model.role(f.role).id}, {"degrade", f.degrade}, {"from", f.from}};
    item["to"] = f.to ? json(*f.to) : json(nullptr);
    failures.push_back(std::move(item));
  }
  json changes = json::array();
  for (const auto& c : w.changes) {
    json item = {{"role", model.role(c.role).id}};
    if (c.depends_on) item["depends_on"] = model.role(*c.depends_on).id;
    if (c.weight) item["weight"] = *c.weight;
    if (c.recovery) item["recovery"] = *c.recovery;
    if (c.touchpoint) item["touchpoint"] = *c.touchpoint;
    changes.push_back(std::move(item));
  }
  json initial = json::array();
  for (const auto& s : w.initial) initial.push_back({{"role", model.role(s.role).id}, {"q", s.q}});
  json out = {{"name", w.name},       {"steps", w.steps},   {"static", w.static_mode},
              {"failures", failures}, {"changes", changes}, {"initial", initial}};
  if (!w.description.empty()) out["description"] = w.description;
  return out;
}

WhatIf what_if_of(const model::Scenario& scenario) {
  WhatIf w;
  w.name = scenario.name;
  w.description = scenario.description;
  w.failures = scenario.failures;
  w.changes = scenario.changes;
  w.initial = scenario.initial;
  w.steps = scenario.steps;
  return w;
}

std::string canonical_key(const WhatIf& w) {
  std::string key = std::to_string(w.name.size()) + ":" + w.name + "|" + std::to_string(w.steps) +
                    (w.static_mode ? "|s" : "|d");
  for (const auto& f : w.failures) {
    key += "|f" + std::to_string(f.role.value) + "," + number_text(f.degrade) + "," +
           std::to_string(f.from) + "," + (f.to ? std::to_string(*f.to) : "-");
  }
  auto opt = [](const std::optional<double>& v) { return v ? number_text(*v) : "-"; };
  for (const auto& c : w.changes) {
    key += "|c" + std::to_string(c.role.value) + "," +
           (c.depends_on ? std::to_string(c.depends_on->value) : "-") + "," + opt(c.weight) + "," +
           opt(c.recovery) + "," + opt(c.touchpoint);
  }
  for (const auto& s : w.initial) {
    key += "|i" + std::to_string(s.role.value) + "," + number_text(s.q);
  }
  return key;
}

}  // namespace orgsim::serve
