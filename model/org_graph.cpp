#include "model/org_graph.hpp"

#include <cassert>

namespace orgsim::model {

DepartmentId OrgGraph::add_department(Department d) {
  assert(!find_department(d.id));
  auto id = static_cast<std::uint32_t>(departments_.size());
  department_index_.emplace(d.id, id);
  departments_.push_back(std::move(d));
  return DepartmentId(id);
}

RoleId OrgGraph::add_role(Role r) {
  assert(!find_role(r.id));
  auto id = static_cast<std::uint32_t>(roles_.size());
  role_index_.emplace(r.id, id);
  roles_.push_back(std::move(r));
  return RoleId(id);
}

void OrgGraph::add_dependency(Dependency d) { dependencies_.push_back(d); }

std::optional<RoleId> OrgGraph::find_role(std::string_view id) const {
  auto it = role_index_.find(id);
  if (it == role_index_.end()) return std::nullopt;
  return RoleId(it->second);
}

std::optional<DepartmentId> OrgGraph::find_department(std::string_view id) const {
  auto it = department_index_.find(id);
  if (it == department_index_.end()) return std::nullopt;
  return DepartmentId(it->second);
}

}  // namespace orgsim::model
