#include "model/suggest.hpp"

#include "model/internal/name_hints.hpp"

namespace orgsim::model {

std::string suggest_role(const OrgGraph& graph, std::string_view id) {
  return did_you_mean(id, graph.role_count(),
                      [&](std::size_t i) -> std::string_view { return graph.roles()[i].id; });
}

std::string suggest_department(const OrgGraph& graph, std::string_view id) {
  return did_you_mean(id, graph.departments().size(),
                      [&](std::size_t i) -> std::string_view { return graph.departments()[i].id; });
}

}  // namespace orgsim::model
