#include "model/org_graph.hpp"

#include <cassert>

namespace orgsim::model {

DepartmentId OrgGraph::add_department(Department d) {
  assert(!find_department(d.id));
  auto id = static_cast<std::uint32_t>(departments_.size());
  departments_.push_back(std::move(d));
  department_index_.push_back(departments_.back().id, [this](std::uint32_t i) -> std::string_view {
    return departments_[i].id;
  });
  return DepartmentId(id);
}

RoleId OrgGraph::add_role(Role r) {
  assert(!find_role(r.id));
  auto id = static_cast<std::uint32_t>(roles_.size());
  roles_.push_back(std::move(r));
  role_index_.push_back(roles_.back().id,
                        [this](std::uint32_t i) -> std::string_view { return roles_[i].id; });
  return RoleId(id);
}

void OrgGraph::add_dependency(Dependency d) { dependencies_.push_back(d); }

void OrgGraph::reserve_roles(std::size_t roles) {
  roles_.reserve(roles);
  role_index_.reserve(roles, [this](std::uint32_t i) -> std::string_view { return roles_[i].id; });
}

std::optional<RoleId> OrgGraph::find_role(std::string_view id) const {
  auto i =
      role_index_.find(id, [this](std::uint32_t k) -> std::string_view { return roles_[k].id; });
  if (!i) return std::nullopt;
  return RoleId(*i);
}

std::optional<DepartmentId> OrgGraph::find_department(std::string_view id) const {
  auto i = department_index_.find(
      id, [this](std::uint32_t k) -> std::string_view { return departments_[k].id; });
  if (!i) return std::nullopt;
  return DepartmentId(*i);
}

}  // namespace orgsim::model
