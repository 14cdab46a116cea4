// The JSON side of a what-if. nlohmann-json is costly to compile: it stays in this
// file and api.cpp.
#include "serve/what_if.hpp"

#include <algorithm>
#include <climits>
#include <iterator>
#include <nlohmann/json.hpp>
#include <span>

#include "common/number_format.hpp"
#include "model/rules.hpp"
#include "model/scenario_rules.hpp"
#include "model/validate.hpp"

namespace orgsim::serve {

using nlohmann::json;

RequestError::RequestError(int status, std::string message, std::vector<std::string> details)
    : Error(std::move(message)), status_(status), details_(std::move(details)) {}

namespace {

// A scenario's fields (model/scenario_rules.hpp) but `model`, which is the server's, and
// with `static`, which asks for the static fixed point.
constexpr std::string_view kWhatIfKeys[] = {"name",    "description", "failures", "changes",
                                            "initial", "steps",       "static"};
constexpr std::string_view kWhatIfItem = "what-if";

constexpr bool holds(std::span<const std::string_view> keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

constexpr bool what_if_keys_match_scenario_keys() {
  for (std::string_view k : model::kScenarioKeys) {
    if (k != "model" && !holds(kWhatIfKeys, k)) return false;
  }
  for (std::string_view k : kWhatIfKeys) {
    if (k != "static" && !holds(model::kScenarioKeys, k)) return false;
  }
  return true;
}
static_assert(what_if_keys_match_scenario_keys());

std::string number_text(double v) { return format_exact(v); }

// A JSON integer, unsigned ones above 2^63 - 1 clamped to it; nullopt for anything else.
std::optional<long long> integer_value(const json& j) {
  if (!j.is_number_integer()) return std::nullopt;
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    return u > static_cast<std::uint64_t>(LLONG_MAX) ? LLONG_MAX : static_cast<long long>(u);
  }
  return j.get<long long>();
}

const json* field(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

// Collects problems as "path: message" while one what-if is read.
class Reader {
 public:
  void problem(const std::string& path, const std::string& message) {
    problems_.push_back(path + ": " + message);
  }
  std::vector<std::string>& problems() { return problems_; }

  // Reports the unknown fields of `j`; false (reported) when `j` is not an object.
  bool object(const json& j, const std::string& path, std::string_view what,
              std::span<const std::string_view> keys) {
    if (!j.is_object()) {
      problem(path, std::string(what) + " must be a JSON object");
      return false;
    }
    for (const auto& item : j.items()) {
      if (!holds(keys, item.key())) {
        problem(path, model::unknown_field_message(item.key(), what, keys));
      }
    }
    return true;
  }

  // The problems of the item at `path` (its values' types, then the checker's), in the
  // order of its fields, the item as a whole first.
  void report(const std::string& path, std::span<const std::string_view> keys,
              std::vector<model::ItemProblem> problems, std::vector<model::ItemProblem> checked) {
    problems.insert(problems.end(), std::make_move_iterator(checked.begin()),
                    std::make_move_iterator(checked.end()));
    auto rank = [&](std::string_view field) {
      return field.empty() ? 0 : 1 + (std::find(keys.begin(), keys.end(), field) - keys.begin());
    };
    std::stable_sort(problems.begin(), problems.end(),
                     [&](const model::ItemProblem& a, const model::ItemProblem& b) {
                       return rank(a.field) < rank(b.field);
                     });
    for (const model::ItemProblem& p : problems) {
      problem(p.field.empty() ? path : path + "." + std::string(p.field), p.message);
    }
  }

 private:
  std::vector<std::string> problems_;
};

// The fields of one item as plain values for model::ScenarioChecker. A value of the
// wrong type is a problem here, and left empty.
class ItemReader {
 public:
  explicit ItemReader(const json& item) : item_(item) {}

  model::ItemField<std::string> role(std::string_view key) {
    model::ItemField<std::string> out;
    if (const json* v = find(key, out)) {
      if (v->is_string()) {
        out.value = v->get<std::string>();
      } else {
        problems_.push_back({key, "must be a role id (a string)"});
      }
    }
    return out;
  }

  model::ItemField<double> number(std::string_view key) {
    model::ItemField<double> out;
    if (const json* v = find(key, out)) {
      if (v->is_number()) {
        out.value = v->get<double>();
        out.written = number_text(*out.value);
      } else {
        problems_.push_back({key, "must be a number"});
      }
    }
    return out;
  }

  // `null_is_absent`: null means the field's default (`"to": null`, to the end of the run).
  model::ItemField<long long> integer(std::string_view key, bool null_is_absent = false) {
    model::ItemField<long long> out;
    const json* v = find(key, out);
    if (v && v->is_null() && null_is_absent) return {};
    if (v) {
      out.value = integer_value(*v);
      if (out.value) {
        out.written = std::to_string(*out.value);
      } else {
        problems_.push_back({key, "must be an integer"});
      }
    }
    return out;
  }

  std::vector<model::ItemProblem>& problems() { return problems_; }

 private:
  template <typename T>
  const json* find(std::string_view key, model::ItemField<T>& out) const {
    auto it = item_.find(key);
    if (it == item_.end()) return nullptr;
    out.present = true;
    return &*it;
  }

  const json& item_;
  std::vector<model::ItemProblem> problems_;
};

void read_failures(Reader& r, const json& list, model::ScenarioChecker& check, WhatIf& w) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "failures[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!r.object(item, path, model::kFailureItem, model::kFailureKeys)) continue;
    ItemReader in(item);
    model::Checked<model::Failure> failure = check.failure(
        {in.role("role"), in.number("degrade"), in.integer("from"), in.integer("to", true)});
    r.report(path, model::kFailureKeys, std::move(in.problems()), std::move(failure.problems));
    if (failure.item) w.failures.push_back(*failure.item);
  }
}

void read_changes(Reader& r, const json& list, model::ScenarioChecker& check, WhatIf& w) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "changes[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!r.object(item, path, model::kChangeItem, model::kChangeKeys)) continue;
    ItemReader in(item);
    model::Checked<model::Change> change =
        check.change({in.role("role"), in.role("depends_on"), in.number("weight"),
                      in.number("recovery"), in.number("touchpoint")});
    r.report(path, model::kChangeKeys, std::move(in.problems()), std::move(change.problems));
    if (change.item) w.changes.push_back(*change.item);
  }
}

void read_initial(Reader& r, const json& list, model::ScenarioChecker& check, WhatIf& w) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "initial[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!r.object(item, path, model::kInitialItem, model::kInitialKeys)) continue;
    ItemReader in(item);
    model::Checked<model::InitialState> state =
        check.initial({in.role("role"), in.number("q")}, path);
    r.report(path, model::kInitialKeys, std::move(in.problems()), std::move(state.problems));
    if (state.item) w.initial.push_back(*state.item);
  }
}

// The weight of "role depends on depends_on" in `model`; 0 when there is no such dependency.
double weight_in(const model::OrgGraph& model, model::RoleId role, model::RoleId depends_on) {
  for (const auto& d : model.dependencies()) {
    if (d.role == role && d.depends_on == depends_on) return d.weight;
  }
  return 0.0;
}

// The fields of the changes that can have caused `error` of the changed model, so that
// the page can put the message beside them ("changes[2].touchpoint"). Only raised
// touchpoint weights push their sum over 1, and only raised or added dependency weights
// make a loop diverge; the unchanged model was valid. "changes" when no field fits.
std::vector<std::string> blamed_changes(const model::OrgGraph& model,
                                        const std::vector<model::Change>& changes,
                                        const std::string& error) {
  const bool touchpoints = error.find("touchpoint weight") != std::string::npos;
  const bool loop = error.find("feedback loop") != std::string::npos;
  std::vector<std::string> raised, all;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const model::Change& c = changes[i];
    const std::string at = "changes[" + std::to_string(i) + "]";
    if (touchpoints && c.touchpoint) {
      all.push_back(at + ".touchpoint");
      if (*c.touchpoint > model.role(c.role).touchpoint) raised.push_back(all.back());
    } else if (loop && c.weight && c.depends_on) {
      all.push_back(at + ".weight");
      if (*c.weight > weight_in(model, c.role, *c.depends_on)) raised.push_back(all.back());
    }
  }
  if (!raised.empty()) return raised;
  if (!all.empty()) return all;
  return {"changes"};
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
  if (!j.is_object()) {
    throw RequestError(400, "invalid what-if: the body must be a JSON object",
                       {"what-if: a what-if must be a JSON object"});
  }
  Reader r;
  r.object(j, "what-if", kWhatIfItem, kWhatIfKeys);
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
  if (const json* v = field(j, "name")) {
    read_text(*v, "name", w.name);
    // A name is a label, as in a scenario file: no control characters, 256 bytes at most.
    if (auto message = model::check_name("", w.name)) {
      r.problem("name", message->substr(1));
      w.name.clear();
    }
  }
  if (const json* v = field(j, "description")) read_text(*v, "description", w.description);
  if (const json* v = field(j, "steps")) {
    const std::optional<long long> steps = integer_value(*v);
    if (!steps) {
      r.problem("steps", "must be an integer");
    } else if (auto message =
                   model::check_steps(*steps, std::to_string(*steps), limits.max_steps)) {
      r.problem("steps", *message);
    } else {
      w.steps = static_cast<int>(*steps);
    }
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
  model::ScenarioChecker check(&model);
  if (const json* v = field(j, "failures"); v && v->is_array()) read_failures(r, *v, check, w);
  if (const json* v = field(j, "changes"); v && v->is_array()) read_changes(r, *v, check, w);
  if (const json* v = field(j, "initial"); v && v->is_array()) read_initial(r, *v, check, w);
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
      std::vector<std::string> details;
      std::string fields;  // of the first error, for a one-error message
      for (const auto& e : errors) {
        for (const std::string& path : blamed_changes(base.model, s.changes, e)) {
          details.push_back(path + ": " + e);
          if (&e == &errors.front()) fields += (fields.empty() ? "" : ", ") + path;
        }
      }
      std::string message =
          "invalid what-if: " +
          (errors.size() == 1 ? fields + ": " + errors.front()
                              : std::to_string(errors.size()) + " problems with the changed model");
      throw RequestError(400, std::move(message), std::move(details));
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
