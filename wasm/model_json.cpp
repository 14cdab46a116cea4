// nlohmann-json is costly to compile: it stays in this file and engine.cpp.
#include "wasm/model_json.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/number_format.hpp"
#include "model/rules.hpp"
#include "model/time_unit.hpp"
#include "model/validate.hpp"
#include "serve/what_if.hpp"

namespace orgsim::wasm {

namespace {

using nlohmann::json;

// Collects "path: message" problems while the document is read, so all are reported.
class Reader {
 public:
  void problem(const std::string& path, const std::string& message) {
    problems_.push_back(path + ": " + message);
  }
  std::vector<std::string>& problems() { return problems_; }

  // "roles[2].recovery"; a top-level field by its name alone ("cx_baseline").
  static std::string join(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
  }

  // The field `key` of object `j`, or null (reported when `required`).
  const json* field(const json& j, const std::string& path, const char* key, bool required) {
    auto it = j.find(key);
    if (it != j.end()) return &*it;
    if (required) {
      problem(path.empty() ? "model" : path, "missing required field '" + std::string(key) + "'");
    }
    return nullptr;
  }

  std::optional<std::string> text(const json& j, const std::string& path, const char* key,
                                  bool required) {
    const json* v = field(j, path, key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      problem(join(path, key), "must be a string");
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  std::optional<double> number(const json& j, const std::string& path, const char* key,
                               const model::Interval& range) {
    const json* v = field(j, path, key, true);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      problem(join(path, key), "must be a number");
      return std::nullopt;
    }
    const double d = v->get<double>();
    if (range.contains(d)) return d;  // the text is for the message only: printf is slow here
    if (auto message = model::check_range(key, range, d, format_exact(d))) {
      problem(join(path, key), *message);
      return std::nullopt;
    }
    return d;
  }

  const json& array(const json& j, const char* key) {
    static const json kEmpty = json::array();
    const json* v = field(j, "", key, true);
    if (!v) return kEmpty;
    if (!v->is_array()) {
      problem(key, "must be a JSON array");
      return kEmpty;
    }
    return *v;
  }

 private:
  std::vector<std::string> problems_;
};

std::string at(const char* list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

void read_departments(Reader& r, const json& list, model::OrgGraph& g) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = at("departments", i);
    if (!list[i].is_object()) {
      r.problem(path, "a department must be a JSON object");
      continue;
    }
    auto id = r.text(list[i], path, "id", true);
    auto name = r.text(list[i], path, "name", true);
    if (!id || !name) continue;
    if (auto m = model::check_id("field 'id'", *id)) {
      r.problem(path + ".id", *m);
    } else if (id->empty()) {
      r.problem(path + ".id", "must not be empty");
    } else if (g.find_department(*id)) {
      r.problem(path + ".id", "duplicate department id '" + *id + "'");
    } else {
      g.add_department({*id, *name, {}});
    }
  }
}

void read_roles(Reader& r, const json& list, model::OrgGraph& g) {
  g.reserve_roles(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = at("roles", i);
    if (!list[i].is_object()) {
      r.problem(path, "a role must be a JSON object");
      continue;
    }
    const json& j = list[i];
    auto id = r.text(j, path, "id", true);
    auto name = r.text(j, path, "name", true);
    auto department = r.text(j, path, "department", true);
    auto touchpoint = r.number(j, path, "touchpoint", model::kTouchpointRange);
    auto recovery = r.number(j, path, "recovery", model::kRecoveryRange);
    auto description = r.text(j, path, "description", false);
    std::optional<model::DepartmentId> dept;
    if (department) {
      dept = g.find_department(*department);
      if (!dept)
        r.problem(path + ".department", model::unknown_department_message(*department, ""));
    }
    if (id) {
      if (auto m = model::check_id("field 'id'", *id)) {
        r.problem(path + ".id", *m);
        id.reset();
      } else if (id->empty()) {
        r.problem(path + ".id", "must not be empty");
        id.reset();
      } else if (g.find_role(*id)) {
        r.problem(path + ".id", "duplicate role id '" + *id + "'");
        id.reset();
      }
    }
    if (!id || !name || !dept || !touchpoint || !recovery) continue;
    model::Role role;
    role.id = *id;
    role.name = *name;
    role.department = *dept;
    role.touchpoint = *touchpoint;
    role.recovery = *recovery;
    if (description) role.description = *description;
    g.add_role(std::move(role));
  }
}

void read_dependencies(Reader& r, const json& list, model::OrgGraph& g) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = at("dependencies", i);
    if (!list[i].is_object()) {
      r.problem(path, "a dependency must be a JSON object");
      continue;
    }
    const json& j = list[i];
    auto role_of = [&](const char* key) -> std::optional<model::RoleId> {
      auto id = r.text(j, path, key, true);
      if (!id) return std::nullopt;
      auto role = g.find_role(*id);
      if (!role) r.problem(path + "." + key, model::unknown_role_message(*id, ""));
      return role;
    };
    auto role = role_of("role");
    auto on = role_of("depends_on");
    auto weight = r.number(j, path, "weight", model::kDependencyWeightRange);
    if (!role || !on || !weight) continue;
    if (*role == *on) {
      r.problem(path, model::self_dependency_message(g.role(*role).id));
    } else if (!seen.emplace(role->value, on->value).second) {
      r.problem(path, "duplicate dependency " + g.role(*role).id + " -> " + g.role(*on).id);
    } else {
      g.add_dependency({*role, *on, *weight, {}});
    }
  }
}

}  // namespace

model::OrgGraph model_from_json(const json& j) {
  if (!j.is_object()) {
    throw serve::RequestError(400, "invalid model: the model must be a JSON object",
                              {"model: must be a JSON object"});
  }
  Reader r;
  model::OrgGraph g;
  if (auto name = r.text(j, "", "name", true)) g.name = *name;
  if (auto description = r.text(j, "", "description", false)) g.description = *description;
  // The model file's name (the server's GET /api/model gives no folder): a run's
  // `scenario.model_file` names it, as a scenario saved from the page does.
  if (auto file = r.text(j, "", "file", false)) g.file = *file;
  if (auto unit = r.text(j, "", "time_unit", false)) {
    if (std::string problem = model::time_unit_problem(*unit); !problem.empty()) {
      r.problem("time_unit", problem);
    } else {
      g.time_unit = *unit;
    }
  }
  if (auto baseline = r.number(j, "", "cx_baseline", model::kBaselineRange)) {
    g.cx_baseline = *baseline;
  }
  read_departments(r, r.array(j, "departments"), g);
  read_roles(r, r.array(j, "roles"), g);
  read_dependencies(r, r.array(j, "dependencies"), g);
  if (r.problems().empty()) {
    // The whole-graph rules, as the loaders run them: touchpoints summing to at most 1,
    // then loops that converge.
    for (const Diagnostics& ds : {model::validate_touchpoint_sum(g), model::validate_model(g)}) {
      for (const auto& d : ds.items()) {
        if (d.severity == Severity::kError) r.problem("model", d.message);
      }
    }
  }
  if (!r.problems().empty()) {
    std::vector<std::string>& problems = r.problems();
    std::string message = problems.size() == 1
                              ? "invalid model: " + problems.front()
                              : "invalid model: " + std::to_string(problems.size()) + " problems";
    throw serve::RequestError(400, std::move(message), std::move(problems));
  }
  return g;
}

}  // namespace orgsim::wasm
