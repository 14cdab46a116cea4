#include "app/model_edit.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/time_unit.hpp"
#include "model/validate.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::app {

using nlohmann::json;

namespace {

// Who wrote a line of the checked text: the element, and where each field's key starts.
struct LineOwner {
  EditElement element;
  std::vector<std::pair<int, std::string>> fields;  // (1-based column of the key, field)
};

// Writes the model as YAML, one line per item, and remembers which element each line is.
class EditWriter {
 public:
  // A line "key: value" of the model itself.
  void model_line(std::string_view key, const std::string& value, std::string field) {
    text_ += std::string(key) + ": " + value + "\n";
    lines_.push_back({{"model", 0, std::move(field)}, {}});
  }
  void header(std::string_view key, bool empty, std::string field) {
    text_ += std::string(key) + (empty ? ": []\n" : ":\n");
    lines_.push_back({{"model", 0, std::move(field)}, {}});
  }
  void begin_item(std::string kind, std::size_t index) {
    text_ += "  - {";
    line_start_ = text_.size() - 5;
    current_ = {{std::move(kind), index, ""}, {}};
  }
  // `value`: YAML text already (a scalar or a number).
  void field(const std::string& key, const std::string& value) {
    if (!current_.fields.empty()) text_ += ", ";
    current_.fields.emplace_back(static_cast<int>(text_.size() - line_start_) + 1, key);
    text_ += key + ": " + value;
  }
  void end_item() {
    text_ += "}\n";
    lines_.push_back(std::move(current_));
  }

  const std::string& text() const { return text_; }

  // The element a diagnostic at `where` points at: the model for line 0 or another file.
  EditElement locate(const SourceLocation& where, const std::string& file) const {
    if (where.file != file || where.line < 1 ||
        static_cast<std::size_t>(where.line) > lines_.size())
      return {};
    const LineOwner& owner = lines_[static_cast<std::size_t>(where.line) - 1];
    EditElement e = owner.element;
    for (const auto& [column, name] : owner.fields) {
      if (where.column >= column) e.field = name;
    }
    return e;
  }

 private:
  std::string text_;
  std::vector<LineOwner> lines_;
  LineOwner current_;
  std::size_t line_start_ = 0;
};

std::string path_of(std::string_view list, std::size_t index, std::string_view key) {
  std::string p(list);
  if (!list.empty()) p += "[" + std::to_string(index) + "]";
  if (!key.empty()) p += (p.empty() ? "" : ".") + std::string(key);
  return p;
}

[[noreturn]] void bad_shape(const std::string& path, std::string_view expected) {
  throw InvalidArgument("model." + path + ": expected " + std::string(expected));
}

const json* member(const json& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

// A text field: absent, null or a string.
std::optional<std::string> text_field(const json& object, std::string_view key,
                                      const std::string& path) {
  const json* v = member(object, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) bad_shape(path, "text");
  return v->get<std::string>();
}

// A number field as YAML text: absent, null or "" -> nullopt (left out of the file); a
// number; or other text, written as text so that the loader refuses it in its own words.
std::optional<std::string> number_field(const json& object, std::string_view key,
                                        const std::string& path) {
  const json* v = member(object, key);
  if (!v) return std::nullopt;
  if (v->is_number()) return model::yaml_number(v->get<double>());
  if (!v->is_string()) bad_shape(path, "a number or text");
  const std::string s = v->get<std::string>();
  if (s.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  return model::yaml_scalar(s);
}

const json& list_field(const json& model, std::string_view key) {
  static const json kEmpty = json::array();
  const json* v = member(model, key);
  if (!v) return kEmpty;
  if (!v->is_array()) bad_shape(std::string(key), "a list");
  return *v;
}

void write_item(EditWriter& w, const json& item, std::string_view list, std::string kind,
                std::size_t index, std::initializer_list<std::pair<const char*, bool>> fields) {
  if (!item.is_object()) bad_shape(path_of(list, index, ""), "an object");
  w.begin_item(std::move(kind), index);
  for (const auto& [key, is_number] : fields) {
    const std::string path = path_of(list, index, key);
    if (is_number) {
      if (auto v = number_field(item, key, path)) w.field(key, *v);
    } else if (auto v = text_field(item, key, path)) {
      // An empty name means "the id", as in a file; an empty id or reference is an error.
      const bool optional =
          std::string_view(key) == "name" || std::string_view(key) == "description";
      if (!(optional && v->empty())) w.field(key, model::yaml_scalar(*v));
    }
  }
  w.end_item();
}

EditWriter write_model(const json& m) {
  if (!m.is_object()) throw InvalidArgument("model: expected an object");
  EditWriter w;
  w.model_line("name", model::yaml_scalar(text_field(m, "name", "name").value_or("")), "name");
  if (auto d = text_field(m, "description", "description"); d && !d->empty()) {
    w.model_line("description", model::yaml_scalar(*d), "description");
  }
  if (auto t = text_field(m, "time_unit", "time_unit");
      t && !t->empty() && *t != model::kDefaultTimeUnit) {
    w.model_line("time_unit", model::yaml_scalar(*t), "time_unit");
  }
  if (auto b = number_field(m, "cx_baseline", "cx_baseline")) {
    w.header("cx", false, "cx_baseline");
    w.model_line("  baseline", *b, "cx_baseline");
  }
  const json& departments = list_field(m, "departments");
  w.header("departments", departments.empty(), "departments");
  for (std::size_t i = 0; i < departments.size(); ++i) {
    write_item(w, departments[i], "departments", "department", i, {{"id", false}, {"name", false}});
  }
  const json& roles = list_field(m, "roles");
  w.header("roles", roles.empty(), "roles");
  for (std::size_t i = 0; i < roles.size(); ++i) {
    write_item(w, roles[i], "roles", "role", i,
               {{"id", false},
                {"name", false},
                {"department", false},
                {"recovery", true},
                {"touchpoint", true},
                {"description", false}});
  }
  const json& dependencies = list_field(m, "dependencies");
  if (!dependencies.empty()) w.header("dependencies", false, "dependencies");
  for (std::size_t i = 0; i < dependencies.size(); ++i) {
    write_item(w, dependencies[i], "dependencies", "dependency", i,
               {{"role", false}, {"depends_on", false}, {"weight", true}});
  }
  return w;
}

// The loader names the first of two duplicates by its line ("(first defined at line 5)"),
// a line of the checked text the facilitator never sees: the page names rows.
std::string row_words(std::string message, const EditWriter& w, const std::string& file) {
  static const std::regex kLine(R"( at line ([0-9]{1,9})\))");
  std::smatch m;
  if (!std::regex_search(message, m, kLine)) return message;
  const EditElement e = w.locate({file, std::stoi(m[1].str()), 0}, file);
  if (e.kind == "model") return message;
  const std::string list = e.kind == "dependency" ? "dependencies" : e.kind + "s";
  return m.prefix().str() + " in row " + std::to_string(e.index + 1) + " of the " + list + ")" +
         m.suffix().str();
}

// A problem located at an item as a whole that is about one of its fields: the field, so
// the page marks it too.
std::string field_of(const std::string& message) {
  static const std::regex kMissing(R"(^\w+ is missing required field '(\w+)')");
  std::smatch m;
  if (std::regex_search(message, m, kMissing)) return m[1].str();
  if (message.starts_with("touchpoint weights sum")) return "touchpoint";
  return {};
}

void add_problems(EditCheck& check, const Diagnostics& found, const EditWriter& w,
                  const std::string& file) {
  for (const Diagnostic& d : found.items()) {
    EditElement where = w.locate(d.where, file);
    if (where.kind != "model" && where.field.empty()) where.field = field_of(d.message);
    check.problems.push_back({d.severity, row_words(d.message, w, file), std::move(where)});
  }
  check.errors += found.error_count();
  check.warnings += found.warning_count();
}

std::string_view severity_word(Severity s) { return s == Severity::kError ? "error" : "warning"; }

}  // namespace

EditCheck check_edited_model(const json& model, const std::string& file_name) {
  const EditWriter w = write_model(model);
  EditCheck check;
  check.text = w.text();
  try {
    model::OrgGraph graph = model::parse_model(check.text, file_name);
    const Diagnostics found = model::validate_model(graph);
    add_problems(check, found, w, file_name);
    if (!found.has_errors()) check.graph = std::move(graph);
  } catch (const ValidationError& e) {
    add_problems(check, e.diagnostics(), w, file_name);
  } catch (const LoadError& e) {  // not YAML: cannot happen for the text written above
    check.problems.push_back({Severity::kError, e.message(), w.locate(e.where(), file_name)});
    ++check.errors;
  }
  return check;
}

json edit_model_json(const model::OrgGraph& g) {
  json departments = json::array();
  for (const auto& d : g.departments()) departments.push_back({{"id", d.id}, {"name", d.name}});
  json roles = json::array();
  for (const auto& r : g.roles()) {
    roles.push_back({{"id", r.id},
                     {"name", r.name},
                     {"department", g.department(r.department).id},
                     {"recovery", r.recovery},
                     {"touchpoint", r.touchpoint},
                     {"description", r.description}});
  }
  json deps = json::array();
  for (const auto& d : g.dependencies()) {
    deps.push_back({{"role", g.role(d.role).id},
                    {"depends_on", g.role(d.depends_on).id},
                    {"weight", d.weight}});
  }
  return {{"name", g.name},
          {"description", g.description},
          {"time_unit", g.time_unit},
          {"cx_baseline", g.cx_baseline},
          {"departments", std::move(departments)},
          {"roles", std::move(roles)},
          {"dependencies", std::move(deps)}};
}

json empty_edit_model(const std::string& name) {
  return {{"name", name},
          {"description", ""},
          {"time_unit", model::kDefaultTimeUnit},
          {"cx_baseline", 100.0},
          {"departments", json::array()},
          {"roles", json::array()},
          {"dependencies", json::array()}};
}

json edit_check_json(const EditCheck& check) {
  json problems = json::array();
  for (const EditProblem& p : check.problems) {
    problems.push_back(
        {{"severity", severity_word(p.severity)},
         {"message", p.message},
         {"element",
          {{"kind", p.element.kind}, {"index", p.element.index}, {"field", p.element.field}}}});
  }
  return {{"ok", check.ok()},
          {"errors", check.errors},
          {"warnings", check.warnings},
          {"problems", std::move(problems)}};
}

}  // namespace orgsim::app
