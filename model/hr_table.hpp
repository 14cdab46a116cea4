#pragma once
// An HR export read as a table of employees: id, manager id, department, job title and
// an optional customer-facing flag, with the reporting lines checked (every manager is an
// employee of the file, no chain loops back on itself). `orgsim import hr` builds a model
// from it (app/hr_import.hpp); docs/import-hr.md is the reference.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"

namespace orgsim::model {

/// The header names of the five columns the import reads; every other column is ignored.
/// A header matches exactly, or else ignoring case, spaces, '_' and '-' ("Employee ID").
struct HrColumns {
  std::string id = "employee_id";
  std::string manager = "manager_id";
  std::string department = "department";
  std::string title = "job_title";
  std::string customer_facing = "customer_facing";  ///< optional column
};

/// Sets the columns named in `mapping`, "id=EmpID,manager=Mgr,...", with the keys id,
/// manager, department, title and customer_facing. Returns the problem ("" if none),
/// naming the key: "unknown key 'mgr'; did you mean 'manager'? (the keys are ...)".
std::string parse_hr_columns(std::string_view mapping, HrColumns& columns);

/// Marks an employee with no manager.
inline constexpr std::uint32_t kNoManager = UINT32_MAX;

struct Employee {
  std::string id;
  std::string department;  ///< trimmed of spaces, as first written
  std::string title;       ///< trimmed of spaces
  bool customer_facing = false;
  std::uint32_t manager = kNoManager;  ///< index in HrTable::employees
  TextPos where;                       ///< of the id cell
};

struct HrTable {
  std::vector<Employee> employees;   ///< in file order
  bool has_customer_facing = false;  ///< the file has that column
  /// Employees whose manager cell named themselves: taken as the top of the chart.
  std::vector<std::uint32_t> own_managers;
};

/// Reads HR export text (`file` names it in messages): header line, then one row per
/// employee. Every problem goes to `out` with file:line:col (missing columns, rows of
/// the wrong width, empty or duplicate ids, unknown manager ids with a did-you-mean,
/// bad flags, manager chains that loop: "E3 -> E5 -> E3"), so that all are shown at once.
/// Returns the table when there was none. Time complexity: O(length of text).
std::optional<HrTable> read_hr_table(std::string_view text, const std::string& file,
                                     const HrColumns& columns, Diagnostics& out);

}  // namespace orgsim::model
