#include "model/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "common/errors.hpp"
#include "model/internal/csv_tables.hpp"
#include "model/internal/yaml_reader.hpp"
#include "model/rules.hpp"
#include "model/scenario_rules.hpp"
#include "model/time_unit.hpp"
#include "model/validate.hpp"

namespace orgsim::model {

namespace fs = std::filesystem;

namespace {

// The fields each mapping of a model may hold: the file format, in one place (a
// scenario's are in model/scenario_rules.hpp).
constexpr std::string_view kModelKeys[] = {"name",  "description",  "time_unit",
                                           "cx",    "defaults",     "departments",
                                           "roles", "dependencies", "tables"};
constexpr std::string_view kCxKeys[] = {"baseline"};
constexpr std::string_view kDefaultsKeys[] = {"recovery"};
constexpr std::string_view kDepartmentKeys[] = {"id", "name"};
constexpr std::string_view kRoleKeys[] = {"id",       "name",       "department",
                                          "recovery", "touchpoint", "description"};
constexpr std::string_view kDependencyKeys[] = {"role", "depends_on", "weight"};

// YAML 1.1 tools (PyYAML, many editors) read these words as booleans, so a key
// spelled like one would not survive a trip through them.
constexpr bool is_yaml11_boolean(std::string_view word) {
  for (std::string_view b : {"y", "n", "yes", "no", "on", "off", "true", "false"}) {
    if (word.size() != b.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < b.size(); ++i) {
      char c = word[i];
      if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != b[i]) same = false;
    }
    if (same) return true;
  }
  return false;
}
template <std::size_t N>
constexpr bool no_boolean_words(const std::string_view (&keys)[N]) {
  return std::none_of(std::begin(keys), std::end(keys), is_yaml11_boolean);
}
static_assert(no_boolean_words(kModelKeys) && no_boolean_words(kCxKeys) &&
              no_boolean_words(kDefaultsKeys) && no_boolean_words(kDepartmentKeys) &&
              no_boolean_words(kRoleKeys) && no_boolean_words(kDependencyKeys) &&
              no_boolean_words(kScenarioKeys) && no_boolean_words(kFailureKeys) &&
              no_boolean_words(kChangeKeys) && no_boolean_words(kInitialKeys));

// A file could not be read. Message only: the caller knows where to point (house style 18).
class ReadFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr std::uintmax_t kMegabyte = 1u << 20;

std::string megabytes(std::uintmax_t bytes) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / kMegabyte);
  return buf;
}

std::string size_text(std::uintmax_t bytes) {
  return bytes >= kMegabyte ? megabytes(bytes) : std::to_string(bytes) + " bytes";
}

// "300.0 MB, the limit is 256.0 MB"; in bytes when MB would hide the difference
// (small limits, or sizes that round alike).
std::string size_versus_limit(std::uintmax_t size, std::uintmax_t limit) {
  std::string a = megabytes(size);
  std::string b = megabytes(limit);
  if (size < kMegabyte || limit < kMegabyte || a == b) {
    a = std::to_string(size) + " bytes";
    b = std::to_string(limit) + " bytes";
  }
  return a + ", the limit is " + b;
}

std::string with_subject(std::string_view subject, std::string_view rest) {
  return subject.empty() ? std::string(rest) : std::string(subject) + " " + std::string(rest);
}

// Reads a whole file, refusing a directory or a file over `max_bytes` before reading
// it. `subject` names the file in messages ("" for the file the user gave, whose
// path is already in the location).
std::string read_file(const fs::path& path, std::uintmax_t max_bytes, std::string_view subject) {
  std::string what = subject.empty() ? "file" : std::string(subject);
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec) throw ReadFailure("cannot read " + what + ": " + ec.message());
  if (fs::is_directory(status)) {
    throw ReadFailure(with_subject(subject, "is a directory, expected a YAML file"));
  }
  // Refuse by size before reading, so a huge file costs nothing.
  std::uintmax_t expected = 0;
  if (fs::is_regular_file(status)) {
    std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
      throw ReadFailure(what + " is too large: " + size_versus_limit(size, max_bytes));
    }
    if (!ec) expected = size;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) throw ReadFailure("cannot read " + what + ": " + std::strerror(errno));
  // Read with a cap anyway: pipes and devices have no size, and files can grow.
  std::string text;
  text.reserve(static_cast<std::size_t>(expected));  // one allocation of the file's size
  char buf[1 << 16];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, file.get())) {
    if (text.size() + n > max_bytes) {
      throw ReadFailure(what + " is too large: more than the limit of " + size_text(max_bytes));
    }
    text.append(buf, n);
  }
  if (std::ferror(file.get()))
    throw ReadFailure("cannot read " + what + ": " + std::strerror(errno));
  return text;
}

std::uint64_t pair_key(RoleId a, RoleId b) { return (std::uint64_t{a.value} << 32) | b.value; }

// The line of the first dependency of each (role, depends_on) pair: open addressing over
// one flat array, kept at most half full. A node-based std::unordered_map was a tenth of
// the load time of a 500,000-dependency model (one allocation and two cache misses each).
class PairLines {
 public:
  /// The line already recorded for `key` (never 0: a role cannot depend on itself), or
  /// nullopt after recording `line` for it. Amortized O(1).
  std::optional<int> first_or_add(std::uint64_t key, int line) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t s = slot_of(key);; s = (s + 1) & mask_) {
      if (slots_[s].key == key) return slots_[s].line;
      if (slots_[s].key == 0) {
        slots_[s] = {key, line};
        ++size_;
        return std::nullopt;
      }
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;  // 0: empty
    int line = 0;
  };
  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& o : old) {
      if (o.key == 0) continue;
      std::size_t s = slot_of(o.key);
      while (slots_[s].key != 0) s = (s + 1) & mask_;
      slots_[s] = o;
    }
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

// Records a distribution read for `field` of item `index` (docs/model.md "Uncertainty").
void note_uncertain(std::vector<UncertainParameter>& list, const UncertainNumber& v,
                    UncertainField field, std::size_t index) {
  if (v.dist) list.push_back({field, static_cast<std::uint32_t>(index), *v.dist, v.where});
}

// Items of a list must be mappings; reports any other item.
bool is_mapping_item(YamlReader& r, const YamlNode& item, std::string_view list) {
  if (item.is_map()) return true;
  r.error(item.mark(),
          "each item of '" + std::string(list) + "' must be a mapping, got " + describe(item));
  return false;
}

// The role named by field `key`, reporting an unknown one with a "did you mean".
// `check` is false when the roles themselves could not be read, so every
// reference would be reported as unknown for nothing.
std::optional<RoleId> role_ref(YamlReader& r, Fields& f, std::string_view key,
                               const OrgGraph& graph, bool check) {
  std::optional<std::string> name = f.text(key, true);
  if (!name || !check) return std::nullopt;
  if (auto id = graph.find_role(*name)) return id;
  const auto& roles = graph.roles();
  r.error(f.value_mark(key),
          unknown_role_message(*name, r.suggest(*name, roles.size(), [&](std::size_t i) {
            return std::string_view(roles[i].id);
          })));
  return std::nullopt;
}

void read_departments(YamlReader& r, const YamlNode& list, OrgGraph& g) {
  for (const YamlNode item : list.items()) {
    if (!is_mapping_item(r, item, "departments")) continue;
    Fields f(r, item, "department", kDepartmentKeys);
    std::optional<std::string> id = f.id("id");
    std::optional<std::string> name = f.name("name", false);
    if (!id) continue;
    if (auto first = g.find_department(*id)) {
      r.error(f.value_mark("id"),
              duplicate_id_message("department", *id, g.department(*first).where.line));
      continue;
    }
    std::string shown = name && !name->empty() ? *name : *id;
    g.add_department({*id, std::move(shown), YamlReader::pos(item.mark())});
  }
}

void read_roles(YamlReader& r, const YamlNode& list, double default_recovery,
                bool check_departments, OrgGraph& g) {
  const auto& departments = g.departments();
  for (const YamlNode item : list.items()) {
    if (!is_mapping_item(r, item, "roles")) continue;
    Fields f(r, item, "role", kRoleKeys);
    Role role;
    role.where = YamlReader::pos(item.mark());
    role.recovery = default_recovery;
    std::optional<std::string> id = f.id("id");
    if (auto name = f.name("name", false)) role.name = *name;
    if (auto dept = f.text("department", true); dept && check_departments) {
      if (auto d = g.find_department(*dept)) {
        role.department = *d;
      } else {
        std::string hint = department_name_hint(*dept, departments);
        if (hint.empty()) {
          hint = r.suggest(*dept, departments.size(),
                           [&](std::size_t i) { return std::string_view(departments[i].id); });
        }
        r.error(f.value_mark("department"), unknown_department_message(*dept, hint));
      }
    }
    std::optional<UncertainNumber> recovery = f.uncertain_number("recovery", kRecoveryRange, false);
    std::optional<UncertainNumber> touchpoint =
        f.uncertain_number("touchpoint", kTouchpointRange, false);
    if (recovery) role.recovery = recovery->value;
    if (touchpoint) role.touchpoint = touchpoint->value;
    if (auto text = f.text("description", false)) role.description = *text;
    // A role with other problems is still added, so references to it do not
    // produce a second, misleading "unknown role".
    if (!id) continue;
    if (auto first = g.find_role(*id)) {
      r.error(f.value_mark("id"), duplicate_id_message("role", *id, g.role(*first).where.line));
      continue;
    }
    role.id = *id;
    if (role.name.empty()) role.name = role.id;
    const std::size_t index = g.role_count();
    if (recovery) note_uncertain(g.uncertain, *recovery, UncertainField::kRoleRecovery, index);
    if (touchpoint) {
      note_uncertain(g.uncertain, *touchpoint, UncertainField::kRoleTouchpoint, index);
    }
    g.add_role(std::move(role));
  }
}

void read_dependencies(YamlReader& r, const YamlNode& list, bool check_roles, OrgGraph& g) {
  PairLines first_line;
  for (const YamlNode item : list.items()) {
    if (!is_mapping_item(r, item, "dependencies")) continue;
    Fields f(r, item, "dependency", kDependencyKeys);
    std::optional<RoleId> role = role_ref(r, f, "role", g, check_roles);
    std::optional<RoleId> on = role_ref(r, f, "depends_on", g, check_roles);
    std::optional<UncertainNumber> weight =
        f.uncertain_number("weight", kDependencyWeightRange, true);
    if (!role || !on) continue;
    TextPos where = YamlReader::pos(item.mark());
    if (*role == *on) {
      r.error(f.value_mark("depends_on"), self_dependency_message(g.role(*role).id));
      continue;
    }
    if (std::optional<int> first = first_line.first_or_add(pair_key(*role, *on), where.line)) {
      r.error(item.mark(), duplicate_dependency_message(g.role(*role).id, g.role(*on).id, *first));
      continue;
    }
    if (!weight) continue;
    note_uncertain(g.uncertain, *weight, UncertainField::kDependencyWeight,
                   g.dependencies().size());
    g.add_dependency({*role, *on, weight->value, where});
  }
}

OrgGraph read_model(YamlReader& r, const YamlNode& root, const TableInput& tables,
                    Diagnostics& csv) {
  OrgGraph g;
  g.file = r.file();
  Fields top(r, root, "model", kModelKeys);
  if (auto name = top.name("name", true)) g.name = *name;
  if (auto text = top.text("description", false)) g.description = *text;
  if (auto unit = top.text("time_unit", false)) {
    if (std::string problem = time_unit_problem(*unit); !problem.empty()) {
      r.error(top.value_mark("time_unit"), "time_unit " + in_quotes(*unit) + ": " + problem);
    } else {
      g.time_unit = *unit;
    }
  }
  if (auto cx = top.mapping("cx")) {
    Fields f(r, *cx, "cx", kCxKeys);
    g.cx_where = YamlReader::pos(f.has("baseline") ? f.value_mark("baseline") : cx->mark());
    if (auto baseline = f.number("baseline", kBaselineRange, false)) g.cx_baseline = *baseline;
  }
  double default_recovery = kDefaultRecovery;
  if (auto defaults = top.mapping("defaults")) {
    Fields f(r, *defaults, "defaults", kDefaultsKeys);
    if (auto v = f.number("recovery", kRecoveryRange, false)) default_recovery = *v;
  }
  if (top.has("tables")) {  // the lists are in CSV files (model/csv_tables.hpp)
    read_model_tables(r, top, default_recovery, tables, g, csv);
    return g;
  }
  auto departments = top.sequence("departments", true, true);
  if (departments) read_departments(r, *departments, g);
  auto roles = top.sequence("roles", true, true);
  if (roles) read_roles(r, *roles, default_recovery, departments.has_value(), g);
  if (auto deps = top.sequence("dependencies", false, false)) {
    read_dependencies(r, *deps, roles.has_value(), g);
  }
  return g;
}

// The fields of a scenario item, read into plain values for ScenarioChecker. A value of
// the wrong type is reported here and left empty; the rest is the checker's. Fields
// applies the rule's range while reading (for the support of a distribution and for
// integers too large for an int), so the checker finds every value read here in range
// and `written` is not needed.
ItemField<std::string> text_field(Fields& f, std::string_view key) {
  ItemField<std::string> out;
  if (!f.has(key)) return out;
  out.present = true;
  out.order = static_cast<std::size_t>(f.key_mark(key).order());
  out.value = f.text(key, true);  // present: `true` refuses an empty value
  return out;
}

ItemField<double> number_field(Fields& f, std::string_view key, const Interval& range) {
  ItemField<double> out;
  if (!f.has(key)) return out;
  out.present = true;
  out.order = static_cast<std::size_t>(f.key_mark(key).order());
  out.value = f.number(key, range, true);
  return out;
}

// A number that may be a distribution, which is kept in `read`.
ItemField<double> uncertain_field(Fields& f, std::string_view key, const Interval& range,
                                  std::optional<UncertainNumber>& read) {
  ItemField<double> out;
  if (!f.has(key)) return out;
  out.present = true;
  out.order = static_cast<std::size_t>(f.key_mark(key).order());
  read = f.uncertain_number(key, range, true);
  if (read) out.value = read->value;
  return out;
}

ItemField<long long> integer_field(Fields& f, std::string_view key, const IntegerInterval& range) {
  ItemField<long long> out;
  if (!f.has(key)) return out;
  out.present = true;
  out.order = static_cast<std::size_t>(f.key_mark(key).order());
  out.value = f.integer(key, range, true);
  return out;
}

// Reports the checker's problems: at the item, at a field's key or at its value.
void report(YamlReader& r, const Fields& f, const std::vector<ItemProblem>& problems) {
  for (const ItemProblem& p : problems) {
    YamlMark at = p.field.empty() ? f.mark()
                  : p.at_key      ? f.key_mark(p.field)
                                  : f.value_mark(p.field);
    r.error(at, p.message);
  }
}

void read_failures(YamlReader& r, const YamlNode& list, ScenarioChecker& check, Scenario& s) {
  for (const YamlNode item : list.items()) {
    if (!is_mapping_item(r, item, "failures")) continue;
    Fields f(r, item, std::string(kFailureItem), kFailureKeys);
    std::optional<UncertainNumber> degrade;
    // In braces: read, and so reported, in this order.
    Checked<Failure> failure =
        check.failure({text_field(f, "role"), uncertain_field(f, "degrade", kDegradeRange, degrade),
                       integer_field(f, "from", kFromRange), integer_field(f, "to", kToRange)});
    report(r, f, failure.problems);
    if (!failure.item) continue;
    failure.item->where = YamlReader::pos(item.mark());
    note_uncertain(s.uncertain, *degrade, UncertainField::kFailureDegrade, s.failures.size());
    s.failures.push_back(*failure.item);
  }
}

void read_changes(YamlReader& r, const YamlNode& list, ScenarioChecker& check, Scenario& s) {
  for (const YamlNode item : list.items()) {
    if (!is_mapping_item(r, item, "changes")) continue;
    Fields f(r, item, std::string(kChangeItem), kChangeKeys);
    std::optional<UncertainNumber> weight, recovery, touchpoint;
    Checked<Change> change =
        check.change({text_field(f, "role"), text_field(f, "depends_on"),
                      uncertain_field(f, "weight", kChangeWeightRange, weight),
                      uncertain_field(f, "recovery", kRecoveryRange, recovery),
                      uncertain_field(f, "touchpoint", kTouchpointRange, touchpoint)});
    report(r, f, change.problems);
    if (!change.item) continue;
    change.item->where = YamlReader::pos(item.mark());
    const std::size_t index = s.changes.size();
    if (weight) note_uncertain(s.uncertain, *weight, UncertainField::kChangeWeight, index);
    if (recovery) note_uncertain(s.uncertain, *recovery, UncertainField::kChangeRecovery, index);
    if (touchpoint) {
      note_uncertain(s.uncertain, *touchpoint, UncertainField::kChangeTouchpoint, index);
    }
    s.changes.push_back(*change.item);
  }
}

void read_initial(YamlReader& r, const YamlNode& list, ScenarioChecker& check, Scenario& s) {
  for (const YamlNode item : list.items()) {
    if (!is_mapping_item(r, item, "initial")) continue;
    Fields f(r, item, std::string(kInitialItem), kInitialKeys);
    const TextPos where = YamlReader::pos(item.mark());
    Checked<InitialState> state =
        check.initial({text_field(f, "role"), number_field(f, "q", kInitialQRange)},
                      "line " + std::to_string(where.line));
    report(r, f, state.problems);
    if (!state.item) continue;
    state.item->where = where;
    s.initial.push_back(*state.item);
  }
}

// Everything but `model`, which the caller has handled. `check` is false when
// there is no model to check role names against.
void read_scenario_body(YamlReader& r, Fields& top, bool check, Scenario& s) {
  if (auto name = top.name("name", true)) s.name = *name;
  if (auto text = top.text("description", false)) s.description = *text;
  if (auto steps = top.integer("steps", kStepsRange, false)) s.steps = *steps;
  ScenarioChecker checker(check ? &s.model : nullptr);
  if (auto list = top.sequence("failures", false, false)) read_failures(r, *list, checker, s);
  if (auto list = top.sequence("changes", false, false)) read_changes(r, *list, checker, s);
  if (auto list = top.sequence("initial", false, false)) read_initial(r, *list, checker, s);
}

// Appends `from` ordered by position, so messages read in file order.
void append_sorted(Diagnostics& to, const Diagnostics& from) {
  std::vector<Diagnostic> items = from.items();
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  for (Diagnostic& d : items) to.add(std::move(d));
  to.count_unlisted(from.unlisted_errors());
}

void throw_collected(const Diagnostics& diagnostics, const SourceFiles& sources) {
  if (diagnostics.has_errors()) {
    throw ValidationError(diagnostics, format_diagnostics(diagnostics, &sources));
  }
}

std::string read_text(const fs::path& path, std::uintmax_t max_bytes, std::string_view subject,
                      const SourceLocation& blame, const SourceFiles* sources) {
  try {
    return read_file(path, max_bytes, subject);
  } catch (const ReadFailure& e) {
    throw_load_error(blame, e.what(), sources);
  }
}

OrgGraph model_from_document(const YamlNode& root, const std::string& file,
                             Diagnostics& diagnostics, const TableInput& tables) {
  Diagnostics own;
  Diagnostics csv;  // already in order, file by file
  YamlReader r(file, own);
  OrgGraph g = read_model(r, root, tables, csv);
  append_sorted(diagnostics, own);
  diagnostics.append(csv);
  // Every problem at once: without field errors, validate_model checks this later.
  if (diagnostics.has_errors()) diagnostics.append(validate_touchpoint_sum(g));
  return g;
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

// Gives the model a scenario names: `model_path` is relative to the scenario's folder
// already, `blame` is where `model:` is written. Errors found in the model go to
// `diagnostics`; a model that cannot be read at all throws.
using ModelSource = std::function<OrgGraph(const fs::path& model_path, const SourceLocation& blame,
                                           Diagnostics& diagnostics)>;

// A scenario document already read from `path`: gets the model it names from `source`,
// then reads the rest against it.
Scenario scenario_from_document(const fs::path& path, const YamlNode& root,
                                std::shared_ptr<SourceFiles> sources, const ModelSource& source) {
  Scenario s;
  s.file = path.string();
  Diagnostics own;
  YamlReader r(s.file, own);
  Fields top(r, root, std::string(kScenarioItem), kScenarioKeys);
  Diagnostics all;
  std::optional<std::string> model = top.text("model", true);
  if (model) {
    fs::path model_path = (path.parent_path() / *model).lexically_normal();
    SourceLocation blame = r.locate(top.value_mark("model"));
    if (same_file(model_path, path)) {
      throw_load_error(blame, "model: points to this scenario file itself", sources.get());
    }
    s.model = source(model_path, blame, all);
  }
  read_scenario_body(r, top, model.has_value(), s);
  append_sorted(all, own);
  s.sources = sources;
  throw_collected(all, *sources);
  return s;
}

// As above, the model read from its file (and added to `sources`).
Scenario scenario_from_document(const fs::path& path, const YamlNode& root,
                                std::shared_ptr<SourceFiles> sources, const LoadOptions& options) {
  return scenario_from_document(
      path, root, sources,
      [&](const fs::path& model_path, const SourceLocation& blame, Diagnostics& diagnostics) {
        const std::string model_file = model_path.string();
        sources->add(model_file,
                     read_text(model_path, options.max_input_bytes,
                               "model file '" + model_file + "'", blame, sources.get()));
        const YamlDocument model_doc =
            parse_yaml_document(*sources->text(model_file), model_file, *sources);
        return model_from_document(model_doc.root(), model_file, diagnostics,
                                   {sources.get(), options.max_input_bytes});
      });
}

// Reads and parses `path`, adding its text to `sources` (which the document points
// into, so it must outlive it). Throws LoadError.
YamlDocument read_document(const fs::path& path, SourceFiles& sources, const LoadOptions& options) {
  std::string file = path.string();
  sources.add(file, read_text(path, options.max_input_bytes, "", SourceLocation{file}, nullptr));
  return parse_yaml_document(*sources.text(file), file, sources);
}

bool has_field(const YamlNode& map, std::string_view key) {
  for (const YamlNode::Entry kv : map.entries()) {
    if (kv.first.is_scalar() && kv.first.scalar() == key) return true;
  }
  return false;
}

}  // namespace

OrgGraph load_model(const fs::path& path, const LoadOptions& options) {
  SourceFiles sources;
  const YamlDocument doc = read_document(path, sources, options);
  Diagnostics diagnostics;
  OrgGraph g = model_from_document(doc.root(), path.string(), diagnostics,
                                   {&sources, options.max_input_bytes});
  throw_collected(diagnostics, sources);
  return g;
}

OrgGraph parse_model(std::string_view text, std::string_view file_name) {
  std::string file(file_name);
  SourceFiles sources;
  sources.add(file, std::string(text));
  const YamlDocument doc = parse_yaml_document(*sources.text(file), file, sources);
  Diagnostics diagnostics;
  OrgGraph g =
      model_from_document(doc.root(), file, diagnostics, {&sources, kDefaultMaxInputBytes});
  throw_collected(diagnostics, sources);
  return g;
}

Scenario load_scenario(const fs::path& path, const LoadOptions& options) {
  auto sources = std::make_shared<SourceFiles>();
  const YamlDocument doc = read_document(path, *sources, options);
  return scenario_from_document(path, doc.root(), sources, options);
}

Scenario load_scenario_with(const fs::path& path,
                            const std::function<const OrgGraph&(const fs::path&)>& model_for,
                            const LoadOptions& options) {
  auto sources = std::make_shared<SourceFiles>();
  const YamlDocument doc = read_document(path, *sources, options);
  return scenario_from_document(
      path, doc.root(), sources,
      [&](const fs::path& model_path, const SourceLocation& blame, Diagnostics&) -> OrgGraph {
        const std::string model_file = model_path.string();
        try {
          return model_for(model_path);
        } catch (const LoadError& e) {
          // Not read at all (missing, a directory, too large): point at `model:`, as
          // load_scenario does. Errors inside the model keep their own location.
          if (e.where().file != model_file || e.where().line != 0) throw;
          throw_load_error(blame, "model file '" + model_file + "': " + e.message(), sources.get());
        }
      });
}

Scenario parse_scenario(std::string_view text, std::string_view file_name, OrgGraph model) {
  auto sources = std::make_shared<SourceFiles>();
  Scenario s;
  s.file = std::string(file_name);
  sources->add(s.file, std::string(text));
  const YamlDocument doc = parse_yaml_document(*sources->text(s.file), s.file, *sources);
  Diagnostics own;
  YamlReader r(s.file, own);
  Fields top(r, doc.root(), std::string(kScenarioItem), kScenarioKeys);
  top.text("model", true);  // required, but not followed: the model is given
  s.model = std::move(model);
  read_scenario_body(r, top, true, s);
  Diagnostics all;
  append_sorted(all, own);
  s.sources = sources;
  throw_collected(all, *sources);
  return s;
}

Scenario load_model_or_scenario(const fs::path& path, const LoadOptions& options) {
  auto sources = std::make_shared<SourceFiles>();
  const YamlDocument doc = read_document(path, *sources, options);
  const YamlNode root = doc.root();
  if (has_field(root, "model")) return scenario_from_document(path, root, sources, options);
  Diagnostics diagnostics;
  Scenario s;
  s.model = model_from_document(root, path.string(), diagnostics,
                                {sources.get(), options.max_input_bytes});
  throw_collected(diagnostics, *sources);
  s.name = s.model.name;
  s.description = s.model.description;
  s.sources = sources;
  return s;
}

}  // namespace orgsim::model
