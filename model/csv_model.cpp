#include "model/csv_model.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "model/csv_reader.hpp"
#include "model/id_index.hpp"
#include "model/internal/yaml_reader.hpp"
#include "model/rules.hpp"

namespace orgsim::model {

namespace {

// The columns each table may hold: the file format, in one place.
constexpr std::string_view kDepartmentColumns[] = {"id", "name"};
constexpr std::string_view kRoleColumns[] = {"id",       "name",       "department",
                                             "recovery", "touchpoint", "description"};
constexpr std::string_view kDependencyColumns[] = {"role", "depends_on", "weight"};

// One table's problems: kept apart, sorted by position at the end, and capped.
class TableErrors {
 public:
  explicit TableErrors(const std::string& file) : file_(file) {}

  // Keeps the first kMaxCsvErrors problems and counts the rest: a table is read to its
  // end, so the count of what was not listed is exact.
  void error(TextPos where, std::string message) {
    if (items_.size() >= kMaxCsvErrors) {
      ++unlisted_;
      return;
    }
    items_.push_back({where, std::move(message)});
  }

  bool empty() const { return items_.empty(); }

  // "did you mean" within a budget per table, as YamlReader's per file.
  std::string suggest(std::string_view name, std::size_t count,
                      const std::function<std::string_view(std::size_t)>& candidate) {
    return suggest_.suggest(name, count, candidate);
  }

  // Appends the problems to `out` in file order, then the count of those not listed.
  void finish(Diagnostics& out) {
    std::stable_sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    for (Item& i : items_) out.error({file_, i.where.line, i.where.column}, std::move(i.message));
    out.count_unlisted(unlisted_);
  }

 private:
  struct Item {
    TextPos where;
    std::string message;
  };
  const std::string& file_;
  std::vector<Item> items_;
  std::size_t unlisted_ = 0;
  SuggestBudget suggest_;
};

// The header line: which column of the file each known column is in.
class Header {
 public:
  static constexpr int kAbsent = -1;

  explicit Header(std::span<const std::string_view> known)
      : known_(known), index_(known.size(), kAbsent) {}

  // Reads the first record. False when it is unusable: empty file, bad syntax,
  // unknown, duplicate or missing required columns (each reported).
  bool read(CsvReader& reader, std::span<const std::string_view> required, TableErrors& errors,
            const std::string& file, Diagnostics& out) {
    std::vector<CsvField> fields;
    CsvReader::Status status = reader.next(fields);
    if (status == CsvReader::Status::kEnd) {
      out.error({file}, "file is empty; the first line must name the columns (" + list() + ")");
      return false;
    }
    if (status == CsvReader::Status::kError) {
      errors.error(reader.error().where, reader.error().message);
      return false;
    }
    bool ok = true;
    std::string scratch;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string_view name = CsvReader::value(fields[i], scratch);
      auto it = std::find(known_.begin(), known_.end(), name);
      if (it == known_.end()) {
        std::string hint =
            did_you_mean(name, known_.size(), [&](std::size_t k) { return known_[k]; });
        if (hint.empty()) hint = " (the columns are " + list() + ")";
        errors.error(fields[i].where, "unknown column " + in_quotes(name) + hint);
        ok = false;
        continue;
      }
      int& slot = index_[static_cast<std::size_t>(it - known_.begin())];
      if (slot != kAbsent) {
        errors.error(fields[i].where, "duplicate column " + in_quotes(name));
        ok = false;
        continue;
      }
      slot = static_cast<int>(i);
    }
    for (std::string_view r : required) {
      if (column(r) == kAbsent) {
        errors.error({reader.line(), 1}, "missing required column '" + std::string(r) + "'");
        ok = false;
      }
    }
    width_ = fields.size();
    return ok;
  }

  int column(std::string_view name) const {
    auto it = std::find(known_.begin(), known_.end(), name);
    return index_[static_cast<std::size_t>(it - known_.begin())];
  }
  std::size_t width() const { return width_; }

 private:
  std::string list() const {
    std::string s;
    for (std::string_view k : known_) s += (s.empty() ? "" : ",") + std::string(k);
    return s;
  }

  std::span<const std::string_view> known_;
  std::vector<int> index_;
  std::size_t width_ = 0;
};

// Reads records after the header, checking each has the header's number of fields,
// and hands the good ones to `row`.
template <class Row>
void for_each_row(CsvReader& reader, const Header& header, TableErrors& errors, Row&& row) {
  std::vector<CsvField> fields;
  while (true) {
    CsvReader::Status status = reader.next(fields);
    if (status == CsvReader::Status::kEnd) return;
    if (status == CsvReader::Status::kError) {
      errors.error(reader.error().where, reader.error().message);
      continue;
    }
    if (fields.size() != header.width()) {
      TextPos where =
          fields.size() > header.width() ? fields[header.width()].where : TextPos{reader.line(), 1};
      errors.error(where, "row has " + std::to_string(fields.size()) + " fields, the header has " +
                              std::to_string(header.width()));
      continue;
    }
    row(fields);
  }
}

// The cells of one row, by column name, with the checks every table shares.
class Cells {
 public:
  Cells(std::span<const CsvField> fields, const Header& header, TableErrors& errors)
      : fields_(fields), header_(header), errors_(errors) {}

  const CsvField* field(std::string_view column) const {
    int i = header_.column(column);
    return i == Header::kAbsent ? nullptr : &fields_[static_cast<std::size_t>(i)];
  }
  TextPos where(std::string_view column) const { return field(column)->where; }

  // The cell's text; "" for an absent column.
  std::string_view text(std::string_view column, std::string& scratch) const {
    const CsvField* f = field(column);
    return f ? CsvReader::value(*f, scratch) : std::string_view();
  }

  // An optional name (a label): "" when absent or empty, checked by check_name.
  std::string_view name(std::string_view column, std::string& scratch) {
    const CsvField* f = field(column);
    if (!f) return {};
    std::string_view v = CsvReader::value(*f, scratch);
    if (auto message = check_name("column '" + std::string(column) + "'", v)) {
      errors_.error(f->where, std::move(*message));
      return {};
    }
    return v;
  }

  // A required id: non-empty, at most kMaxIdBytes, no control characters.
  std::optional<std::string_view> id(std::string_view column, std::string& scratch) {
    const CsvField* f = field(column);
    std::string_view v = CsvReader::value(*f, scratch);
    auto what = [&] { return "column '" + std::string(column) + "'"; };
    if (v.empty()) {
      errors_.error(f->where, what() + " must not be empty");
      return std::nullopt;
    }
    if (auto message = check_id(what(), v)) {
      errors_.error(f->where, std::move(*message));
      return std::nullopt;
    }
    return v;
  }

  // A number in `range`; an empty cell (or absent column) gives `fallback`, or an
  // error when there is none. `ok` turns false on any problem.
  double number(std::string_view column, const Interval& range, std::optional<double> fallback,
                bool& ok) {
    const CsvField* f = field(column);
    std::string scratch;
    std::string_view v = f ? CsvReader::value(*f, scratch) : std::string_view();
    if (v.empty()) {
      if (fallback) return *fallback;
      assert(f && "a column without a default is required by the header check");
      errors_.error(f->where, "column '" + std::string(column) + "' must not be empty");
      ok = false;
      return 0.0;
    }
    double value = 0.0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(value)) {
      // The slow path, for the spellings and messages the YAML reader has.
      bool not_finite = false;
      std::optional<double> parsed = parse_finite_number(v, &not_finite);
      if (!parsed) {
        errors_.error(f->where, "column '" + std::string(column) + "' must be " +
                                    (not_finite ? "a finite number" : "a number") + ", got " +
                                    in_quotes(v));
        ok = false;
        return 0.0;
      }
      value = *parsed;
    }
    if (auto message = check_range(column, range, value, v)) {
      errors_.error(f->where, std::move(*message));
      ok = false;
    }
    return value;
  }

 private:
  std::span<const CsvField> fields_;
  const Header& header_;
  TableErrors& errors_;
};

// Role ids to RoleIds for the rows of dependencies.csv: an index of its own (like
// OrgGraph's) that lets the reader prefetch, so the cache misses of many lookups
// overlap. They dominated the time of reading a 5M-row table.
class RoleLookup {
  struct IdOf {
    const std::vector<Role>* roles;
    std::string_view operator()(std::uint32_t i) const { return (*roles)[i].id; }
  };

 public:
  explicit RoleLookup(const std::vector<Role>& roles) : roles_(roles) {
    index_.reserve(roles.size(), id_of());
    for (const Role& r : roles) index_.push_back(r.id, id_of());
  }
  static std::uint64_t hash(std::string_view id) { return IdIndex::hash(id); }

  /// Hints that find(…, h) is coming: loads the slot, then the role it holds.
  void prefetch_slot(std::uint64_t h) const { index_.prefetch(h); }
  void prefetch_role(std::uint64_t h) const {
    if (auto i = index_.first_candidate(h)) __builtin_prefetch(&roles_[*i]);
  }

  std::optional<RoleId> find(std::string_view id, std::uint64_t h) const {
    auto i = index_.find(id, h, id_of());
    if (!i) return std::nullopt;
    return RoleId(*i);
  }

 private:
  IdOf id_of() const { return {&roles_}; }
  const std::vector<Role>& roles_;
  IdIndex index_;
};

// A row of dependencies.csv whose ids are still to be looked up.
struct PendingDependency {
  std::string_view role, on;  // views of the text, or of ids kept in a batch's `owned`
  TextPos role_at, on_at;
  double weight = 0.0;
  bool weight_ok = false;
  int line = 0;
  std::uint64_t role_hash = 0;  // 0: not computed (the same role as the row before)
  std::uint64_t on_hash = 0;
};

// Rows looked up together (see read_dependencies_csv's `resolve`).
constexpr std::size_t kLookupBatch = 64;

std::uint64_t pair_key(RoleId a, RoleId b) { return (std::uint64_t{a.value} << 32) | b.value; }

// Dependencies [first, end) of g, grouped by role: each duplicate pair after the first
// is reported. Time complexity: O(E + roles + E log(dependencies per role)).
void report_duplicates(const OrgGraph& g, std::size_t first, TableErrors& errors) {
  const auto& deps = g.dependencies();
  const std::size_t n = g.role_count();
  std::vector<std::uint32_t> start(n + 1, 0);
  for (std::size_t e = first; e < deps.size(); ++e) ++start[deps[e].role.value + 1];
  for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  std::vector<std::uint32_t> order(deps.size() - first);
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (std::size_t e = first; e < deps.size(); ++e) {
    order[next[deps[e].role.value]++] = static_cast<std::uint32_t>(e);
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto begin = order.begin() + start[i], end = order.begin() + start[i + 1];
    if (end - begin < 2) continue;
    std::sort(begin, end, [&](std::uint32_t a, std::uint32_t b) {
      return std::pair(pair_key(deps[a].role, deps[a].depends_on), a) <
             std::pair(pair_key(deps[b].role, deps[b].depends_on), b);
    });
    for (auto it = begin + 1; it != end; ++it) {
      const Dependency& d = deps[*it];
      auto same = std::find_if(begin, it,
                               [&](std::uint32_t k) { return deps[k].depends_on == d.depends_on; });
      if (same == it) continue;
      errors.error(d.where, duplicate_dependency_message(g.role(d.role).id, g.role(d.depends_on).id,
                                                         deps[*same].where.line));
    }
  }
}

}  // namespace

bool read_departments_csv(std::string_view text, const std::string& file, OrgGraph& g,
                          Diagnostics& out) {
  CsvReader reader(text);
  TableErrors errors(file);
  Header header(kDepartmentColumns);
  constexpr std::string_view kRequired[] = {"id"};
  if (!header.read(reader, kRequired, errors, file, out)) {
    errors.finish(out);
    return false;
  }
  std::string scratch, name_scratch;
  for_each_row(reader, header, errors, [&](std::span<const CsvField> fields) {
    Cells cells(fields, header, errors);
    std::optional<std::string_view> id = cells.id("id", scratch);
    std::string_view name = cells.name("name", name_scratch);
    if (!id) return;
    if (auto first = g.find_department(*id)) {
      errors.error(cells.where("id"),
                   duplicate_id_message("department", *id, g.department(*first).where.line));
      return;
    }
    TextPos where{reader.line(), 1};
    g.add_department({std::string(*id), std::string(name.empty() ? *id : name), where});
  });
  errors.finish(out);
  return true;
}

bool read_roles_csv(std::string_view text, const std::string& file, double default_recovery,
                    DepartmentRule departments, OrgGraph& g, Diagnostics& out) {
  CsvReader reader(text);
  TableErrors errors(file);
  Header header(kRoleColumns);
  constexpr std::string_view kRequired[] = {"id", "department"};
  g.roles_file = file;
  if (!header.read(reader, kRequired, errors, file, out)) {
    errors.finish(out);
    return false;
  }
  // At most one role per line: room for all, so neither the roles nor the id index
  // grow by doubling (which costs up to twice the memory for a moment). Capped, so a
  // file of empty lines cannot make it reserve gigabytes.
  constexpr std::size_t kMaxReserved = 4'000'000;
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  g.reserve_roles(g.role_count() + std::min(lines, kMaxReserved));
  std::string id_scratch, dept_scratch, scratch;
  std::optional<DepartmentId> last_department;  // rows of one department come together
  std::size_t rows = 0;
  for_each_row(reader, header, errors, [&](std::span<const CsvField> fields) {
    ++rows;
    Cells cells(fields, header, errors);
    bool ok = true;
    Role role;
    role.where = {reader.line(), 1};
    std::optional<std::string_view> id = cells.id("id", id_scratch);
    if (auto dept = cells.id("department", dept_scratch)) {
      if (last_department && g.department(*last_department).id == *dept) {
        role.department = *last_department;
      } else if (auto d = g.find_department(*dept)) {
        role.department = *d;
        last_department = d;
      } else if (departments == DepartmentRule::kCreate) {
        role.department = g.add_department({std::string(*dept), std::string(*dept), {}});
        last_department = role.department;
      } else if (departments == DepartmentRule::kMustExist) {
        const auto& all = g.departments();
        std::string hint = department_name_hint(*dept, all);
        if (hint.empty()) {
          hint = errors.suggest(*dept, all.size(),
                                [&](std::size_t i) { return std::string_view(all[i].id); });
        }
        errors.error(cells.where("department"), unknown_department_message(*dept, hint));
      }
    }
    role.recovery = cells.number("recovery", kRecoveryRange, default_recovery, ok);
    role.touchpoint = cells.number("touchpoint", kTouchpointRange, 0.0, ok);
    role.name = cells.name("name", scratch);
    role.description = cells.text("description", scratch);
    // A role with other problems is still added, so dependencies on it do not
    // produce a second, misleading "unknown role".
    if (!id) return;
    if (auto first = g.find_role(*id)) {
      errors.error(cells.where("id"), duplicate_id_message("role", *id, g.role(*first).where.line));
      return;
    }
    role.id = *id;
    if (role.name.empty()) role.name = role.id;
    g.add_role(std::move(role));
  });
  // As YAML's `roles: []`: a model without roles has nothing to simulate or draw.
  if (rows == 0 && errors.empty()) {
    errors.error({}, "the roles table has no rows: a model needs at least one role");
  }
  errors.finish(out);
  return true;
}

void read_dependencies_csv(std::string_view text, const std::string& file, bool check_roles,
                           OrgGraph& g, Diagnostics& out) {
  CsvReader reader(text);
  TableErrors errors(file);
  Header header(kDependencyColumns);
  if (!header.read(reader, kDependencyColumns, errors, file, out)) {
    errors.finish(out);
    return;
  }
  const std::size_t first = g.dependencies().size();
  const auto& roles = g.roles();
  const RoleLookup known(roles);
  std::string role_scratch, on_scratch;
  std::vector<PendingDependency> batch;
  batch.reserve(kLookupBatch);
  std::deque<std::string> owned;  // ids of the batch that were unescaped into a scratch
  std::optional<RoleId> last_role;
  std::string_view last_role_id;
  auto lookup = [&](std::string_view id, std::uint64_t hash, TextPos where) {
    std::optional<RoleId> r = known.find(id, hash);
    if (!r) {
      const std::string hint = errors.suggest(
          id, roles.size(), [&](std::size_t i) { return std::string_view(roles[i].id); });
      errors.error(where, unknown_role_message(id, hint));
    }
    return r;
  };
  // Looks the batch's ids up in three passes, so that the cache misses of many rows
  // overlap instead of coming one after another.
  auto resolve = [&] {
    for (PendingDependency& p : batch) {
      p.on_hash = RoleLookup::hash(p.on);
      known.prefetch_slot(p.on_hash);
      if (p.role != last_role_id) {
        p.role_hash = RoleLookup::hash(p.role);
        known.prefetch_slot(p.role_hash);
      }
    }
    for (const PendingDependency& p : batch) known.prefetch_role(p.on_hash);
    for (const PendingDependency& p : batch) {
      std::optional<RoleId> role = last_role;
      if (p.role != last_role_id || !last_role) {
        role = lookup(p.role, p.role_hash ? p.role_hash : RoleLookup::hash(p.role), p.role_at);
        last_role = role;
        last_role_id = role ? std::string_view(roles[role->value].id) : std::string_view();
      }
      std::optional<RoleId> on = lookup(p.on, p.on_hash, p.on_at);
      if (!role || !on) continue;
      if (*role == *on) {
        errors.error(p.on_at, self_dependency_message(p.role));
        continue;
      }
      if (p.weight_ok) g.add_dependency({*role, *on, p.weight, {p.line, 1}});
    }
    batch.clear();
    owned.clear();
  };
  for_each_row(reader, header, errors, [&](std::span<const CsvField> fields) {
    Cells cells(fields, header, errors);
    bool ok = true;
    std::optional<std::string_view> role_id = cells.id("role", role_scratch);
    std::optional<std::string_view> on_id = cells.id("depends_on", on_scratch);
    double weight = cells.number("weight", kDependencyWeightRange, std::nullopt, ok);
    if (!role_id || !on_id || !check_roles) return;
    // Views into a scratch string would not survive the next row.
    if (role_id->data() == role_scratch.data()) role_id = owned.emplace_back(*role_id);
    if (on_id->data() == on_scratch.data()) on_id = owned.emplace_back(*on_id);
    batch.push_back({*role_id, *on_id, cells.where("role"), cells.where("depends_on"), weight, ok,
                     reader.line()});
    if (batch.size() == kLookupBatch) resolve();
  });
  resolve();
  if (check_roles) report_duplicates(g, first, errors);
  errors.finish(out);
}

}  // namespace orgsim::model
