#include "model/hr_table.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "model/csv_reader.hpp"
#include "model/internal/name_hints.hpp"
#include "model/rules.hpp"

namespace orgsim::model {

namespace {

// The keys of --columns and the option text that maps each.
constexpr std::array<std::string_view, 5> kKeys = {"id", "manager", "department", "title",
                                                   "customer_facing"};

std::string* column_of(HrColumns& c, std::string_view key) {
  if (key == "id") return &c.id;
  if (key == "manager") return &c.manager;
  if (key == "department") return &c.department;
  if (key == "title") return &c.title;
  if (key == "customer_facing") return &c.customer_facing;
  return nullptr;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A header as people write it: "Employee ID", "employee-id" and "EMPLOYEE_ID" all match
// employee_id.
std::string loose(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '_' || c == '-') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// yes/no in the spellings HR systems export; nullopt for anything else.
std::optional<bool> parse_flag(std::string_view text) {
  const std::string v = lower(trim(text));
  if (v.empty() || v == "no" || v == "n" || v == "false" || v == "0") return false;
  if (v == "yes" || v == "y" || v == "true" || v == "1" || v == "x") return true;
  return std::nullopt;
}

struct Slot {
  std::string_view key;       // the --columns key
  const std::string* header;  // the name looked for
  bool required = true;
  int index = -1;  // column in the file
};

// Finds each wanted column in the header record; reports the missing required ones.
bool match_header(const std::vector<CsvField>& fields, std::vector<Slot>& slots,
                  const std::string& file, int line, Diagnostics& out) {
  std::vector<std::string> names;
  std::string scratch;
  for (const CsvField& f : fields) names.emplace_back(trim(CsvReader::value(f, scratch)));
  for (Slot& s : slots) {
    for (std::size_t i = 0; i < names.size() && s.index < 0; ++i) {
      if (names[i] == *s.header) s.index = static_cast<int>(i);
    }
    for (std::size_t i = 0; i < names.size() && s.index < 0; ++i) {
      if (loose(names[i]) == loose(*s.header)) s.index = static_cast<int>(i);
    }
  }
  bool ok = true;
  std::string header_list;
  for (const std::string& n : names) header_list += (header_list.empty() ? "" : ", ") + n;
  const bool semicolons = names.size() == 1 && names[0].find(';') != std::string::npos;
  for (const Slot& s : slots) {
    if (s.index >= 0 || !s.required) continue;
    ok = false;
    std::string hint = did_you_mean(*s.header, names.size(),
                                    [&](std::size_t i) -> std::string_view { return names[i]; });
    std::string message = "missing column " + in_quotes(*s.header) + hint +
                          "; map the export's own name with --columns " + std::string(s.key) +
                          "=NAME";
    if (semicolons) {
      message += " (the fields are separated by ';': save the file as comma-separated CSV)";
    } else {
      message += " (the header has: " + header_list + ")";
    }
    out.error({file, line, 1}, std::move(message));
  }
  return ok;
}

// Every manager chain must end at someone without a manager. Walks each chain once
// (colours: 0 not seen, 1 on the chain being walked, 2 done) and reports each loop once,
// at the row of its first member in the file. O(employees).
void check_loops(const HrTable& t, const std::string& file, Diagnostics& out) {
  const auto& e = t.employees;
  std::vector<unsigned char> colour(e.size(), 0);
  std::vector<std::uint32_t> chain;
  for (std::uint32_t start = 0; start < e.size(); ++start) {
    chain.clear();
    std::uint32_t at = start;
    while (at != kNoManager && colour[at] == 0) {
      colour[at] = 1;
      chain.push_back(at);
      at = e[at].manager;
    }
    if (at != kNoManager && colour[at] == 1) {
      const auto first = std::find(chain.begin(), chain.end(), at);
      const std::vector<std::uint32_t> loop(first, chain.end());
      const std::uint32_t top = *std::min_element(loop.begin(), loop.end());
      std::string text;
      const std::size_t shown = std::min<std::size_t>(loop.size(), 8);
      const auto begin = std::find(loop.begin(), loop.end(), top) - loop.begin();
      for (std::size_t k = 0; k < shown; ++k) {
        text += e[loop[(begin + k) % loop.size()]].id + " -> ";
      }
      if (shown < loop.size()) text += "... (" + std::to_string(loop.size()) + " people) -> ";
      text += e[top].id;
      out.error({file, e[top].where.line, e[top].where.column},
                "the manager chain loops back: " + text +
                    " (each reports to the next); every chain must end at someone with no "
                    "manager");
    }
    for (std::uint32_t i : chain) colour[i] = 2;
  }
}

}  // namespace

std::string parse_hr_columns(std::string_view mapping, HrColumns& columns) {
  std::string keys;
  for (std::string_view k : kKeys) keys += (keys.empty() ? "" : ", ") + std::string(k);
  while (!mapping.empty()) {
    const std::size_t comma = std::min(mapping.find(','), mapping.size());
    const std::string_view item = trim(mapping.substr(0, comma));
    mapping.remove_prefix(std::min(comma + 1, mapping.size()));
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return "expected KEY=COLUMN, got " + in_quotes(item) + " (the keys are " + keys + ")";
    }
    const std::string_view key = trim(item.substr(0, eq)), name = trim(item.substr(eq + 1));
    std::string* slot = column_of(columns, key);
    if (slot == nullptr) {
      return "unknown key " + in_quotes(key) +
             did_you_mean(key, kKeys.size(), [](std::size_t i) { return kKeys[i]; }) +
             " (the keys are " + keys + ")";
    }
    if (name.empty()) return "no column name after '" + std::string(key) + "='";
    *slot = std::string(name);
  }
  return "";
}

namespace {

std::optional<HrTable> read_table(std::string_view text, const std::string& file,
                                  const HrColumns& columns, Diagnostics& out) {
  const std::size_t errors_before = out.error_count();
  CsvReader reader(text);
  std::vector<CsvField> fields;
  CsvReader::Status status = reader.next(fields);
  if (status == CsvReader::Status::kEnd) {
    out.error({file}, "file is empty; the first line must name the columns (" + columns.id + ", " +
                          columns.manager + ", " + columns.department + ", " + columns.title +
                          ", optionally " + columns.customer_facing + ")");
    return std::nullopt;
  }
  if (status == CsvReader::Status::kError) {
    out.error({file, reader.error().where.line, reader.error().where.column},
              reader.error().message);
    return std::nullopt;
  }
  std::vector<Slot> slots = {{"id", &columns.id},
                             {"manager", &columns.manager},
                             {"department", &columns.department},
                             {"title", &columns.title},
                             {"customer_facing", &columns.customer_facing, false}};
  if (!match_header(fields, slots, file, reader.line(), out)) return std::nullopt;
  const std::size_t width = fields.size();
  enum { kId, kManager, kDepartment, kTitle, kFlag };

  HrTable table;
  table.has_customer_facing = slots[kFlag].index >= 0;
  struct PendingManager {
    std::uint32_t employee;
    std::string id;
    TextPos where;
  };
  std::vector<PendingManager> managers;
  std::unordered_map<std::string, std::uint32_t> by_id;
  std::string scratch;
  // A copy: the value of a quoted cell lives in `scratch` until the next cell is read.
  auto cell = [&](int slot) {
    return std::string(
        CsvReader::value(fields[static_cast<std::size_t>(slots[slot].index)], scratch));
  };
  auto where = [&](int slot) { return fields[static_cast<std::size_t>(slots[slot].index)].where; };
  auto error = [&](TextPos p, std::string message) {
    out.error({file, p.line, p.column}, std::move(message));
  };
  while ((status = reader.next(fields)) != CsvReader::Status::kEnd) {
    if (status == CsvReader::Status::kError) {
      error(reader.error().where, reader.error().message);
      continue;
    }
    if (fields.size() != width) {
      const TextPos p = fields.size() > width ? fields[width].where : TextPos{reader.line(), 1};
      error(p, "row has " + std::to_string(fields.size()) + " fields, the header has " +
                   std::to_string(width));
      continue;
    }
    Employee e;
    e.where = where(kId);
    const std::string id_cell = cell(kId);
    const std::string_view id = trim(id_cell);
    bool id_ok = true;
    if (id.empty()) {
      error(where(kId), "empty employee id (column " + in_quotes(columns.id) + ")");
      id_ok = false;
    } else if (auto problem = check_id("employee id", id)) {
      error(where(kId), std::move(*problem));
      id_ok = false;
    }
    e.id = std::string(id);
    for (int slot : {kDepartment, kTitle}) {
      const std::string value = cell(slot);
      const std::string_view v = trim(value);
      const std::string& header = slot == kDepartment ? columns.department : columns.title;
      if (v.empty()) {
        error(where(slot),
              std::string(slot == kDepartment ? "empty department" : "empty job title") +
                  " (column " + in_quotes(header) + ") for employee " + in_quotes(id));
      } else if (auto problem = check_name("column " + in_quotes(header), v)) {
        error(where(slot), std::move(*problem));
      }
      (slot == kDepartment ? e.department : e.title) = std::string(v);
    }
    if (table.has_customer_facing) {
      const std::optional<bool> flag = parse_flag(cell(kFlag));
      if (!flag) {
        error(where(kFlag), "column " + in_quotes(columns.customer_facing) +
                                " must be yes or no (or y/n, true/false, 1/0, x, empty), got " +
                                in_quotes(cell(kFlag)));
      }
      e.customer_facing = flag.value_or(false);
    }
    // A row with a bad id is left out; one with other problems is kept so that its
    // reports do not also get "unknown manager" (the errors stop the import anyway).
    if (!id_ok) continue;
    const std::string manager(trim(cell(kManager)));
    const TextPos manager_where = where(kManager);
    const auto index = static_cast<std::uint32_t>(table.employees.size());
    auto [it, fresh] = by_id.emplace(e.id, index);
    if (!fresh) {
      error(where(kId), "duplicate employee id " + in_quotes(e.id) + " (first at line " +
                            std::to_string(table.employees[it->second].where.line) + ")");
      continue;
    }
    if (manager == e.id) {
      table.own_managers.push_back(index);
    } else if (!manager.empty()) {
      managers.push_back({index, manager, manager_where});
    }
    table.employees.push_back(std::move(e));
  }
  // Managers are resolved once every id is known: a manager may come after the report.
  std::vector<std::string_view> ids;
  SuggestBudget budget;  // thousands of unknown managers must not cost minutes
  for (const PendingManager& m : managers) {
    auto it = by_id.find(m.id);
    if (it != by_id.end()) {
      table.employees[m.employee].manager = it->second;
      continue;
    }
    if (ids.empty()) {
      for (const Employee& e : table.employees) ids.push_back(e.id);
    }
    error(m.where, "unknown manager id " + in_quotes(m.id) + " for employee " +
                       in_quotes(table.employees[m.employee].id) + " (no row has that id)" +
                       budget.suggest(m.id, ids.size(), [&](std::size_t i) { return ids[i]; }));
  }
  check_loops(table, file, out);
  if (out.error_count() != errors_before) return std::nullopt;
  if (table.employees.empty()) {
    out.error({file}, "no employees: the file has a header line but no rows");
    return std::nullopt;
  }
  return table;
}

}  // namespace

std::optional<HrTable> read_hr_table(std::string_view text, const std::string& file,
                                     const HrColumns& columns, Diagnostics& out) {
  Diagnostics found;
  auto table = read_table(text, file, columns, found);
  // In file order: unknown managers and loops are found after the rows.
  std::vector<Diagnostic> items = found.items();
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  for (Diagnostic& d : items) out.add(std::move(d));
  out.count_unlisted(found.unlisted_errors());
  return table;
}

}  // namespace orgsim::model
