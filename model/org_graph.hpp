#pragma once
// The organization as a weighted dependency graph: departments, roles and the
// dependencies between roles. Plain data plus an index from ids to handles.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "model/distribution.hpp"
#include "model/id_index.hpp"

namespace orgsim::model {

/// Handle of a role: its index in OrgGraph::roles(). Built from an integer only explicitly.
struct RoleId {
  std::uint32_t value = 0;
  constexpr RoleId() = default;
  constexpr explicit RoleId(std::uint32_t v) : value(v) {}
  friend constexpr auto operator<=>(RoleId, RoleId) = default;
};

/// Handle of a department: its index in OrgGraph::departments().
struct DepartmentId {
  std::uint32_t value = 0;
  constexpr DepartmentId() = default;
  constexpr explicit DepartmentId(std::uint32_t v) : value(v) {}
  friend constexpr auto operator<=>(DepartmentId, DepartmentId) = default;
};

struct Department {
  std::string id;
  std::string name;
  TextPos where;
};

/// Default share of its own gap a role closes per step when the file does not say.
inline constexpr double kDefaultRecovery = 0.5;

struct Role {
  std::string id;
  std::string name;
  DepartmentId department;
  double recovery = kDefaultRecovery;  ///< k_i in (0, 1]: dynamic model only
  double touchpoint = 0.0;             ///< w_i in [0, 1]: weight in the CX score
  TextPos where;
  std::string description;  ///< optional free text from the model file
};

/// "role depends on depends_on with weight": depends_on's inoperability adds
/// weight x q[depends_on] to role's. The matrix entry A[role][depends_on].
struct Dependency {
  RoleId role;
  RoleId depends_on;
  double weight = 0.0;
  TextPos where;
};

class OrgGraph {
 public:
  std::string name;
  std::string description;
  double cx_baseline = 100.0;  ///< CX score when nothing is degraded
  /// What one step means to people ("day"): words only, never the numbers
  /// (model/time_unit.hpp). "step" when the file does not say.
  std::string time_unit = "step";
  std::string file;            ///< the file this graph was read from ("" if built in code)
  TextPos cx_where;
  /// CSV tables the lists were read from (docs/model.md "CSV models"), in the order
  /// read; empty when everything is in `file`. Role positions point into roles_file.
  std::vector<std::string> table_files;
  std::string roles_file;
  /// Weights, recoveries and touchpoints written as distributions (their plain numbers
  /// hold the nominal values), in file order. Empty for most models: costs nothing.
  std::vector<UncertainParameter> uncertain;

  /// Adds a department. Ids must be unique: check find_department() first.
  DepartmentId add_department(Department d);
  /// Adds a role. Ids must be unique: check find_role() first.
  RoleId add_role(Role r);
  void add_dependency(Dependency d);

  std::optional<RoleId> find_role(std::string_view id) const;
  std::optional<DepartmentId> find_department(std::string_view id) const;

  const std::vector<Department>& departments() const { return departments_; }
  const std::vector<Role>& roles() const { return roles_; }
  const std::vector<Dependency>& dependencies() const { return dependencies_; }
  std::vector<Dependency>& mutable_dependencies() { return dependencies_; }

  const Role& role(RoleId id) const { return roles_[id.value]; }
  Role& role(RoleId id) { return roles_[id.value]; }
  const Department& department(DepartmentId id) const { return departments_[id.value]; }
  std::size_t role_count() const { return roles_.size(); }

  /// Where a role or dependency was written, as a full location in `file`.
  SourceLocation locate(TextPos pos) const { return {file, pos.line, pos.column}; }
  /// Where a role was written: in roles_file when the roles came from a CSV table.
  SourceLocation locate_role(const Role& r) const {
    return {roles_file.empty() ? file : roles_file, r.where.line, r.where.column};
  }
  /// Room for `roles` roles, so a large table does not rehash the index as it grows.
  void reserve_roles(std::size_t roles);

 private:
  std::vector<Department> departments_;
  std::vector<Role> roles_;
  std::vector<Dependency> dependencies_;
  IdIndex role_index_;  // flat: a node-based map cost seconds at a million roles
  IdIndex department_index_;
};

}  // namespace orgsim::model
