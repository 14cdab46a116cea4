#pragma once
// The JSON form of a sim::Comparison, shared by `orgsim compare --json` and the server's
// compare button. A template over the JSON type (as run_record.hpp), so this header does
// not pull nlohmann into every file that includes it.

#include <optional>

#include "sim/compare.hpp"

namespace orgsim::app {

/// {"cx_baseline": {"base", "what_if", "change"}, "cx_min", "cx_final", "recovery_step",
/// "total_cx_points" (or null), "roles": [{id, name, in_base, in_what_if, peak}],
/// "paths": [{ids, names, base_share, what_if_share, base_cx_points, what_if_cx_points,
/// share_change}]}. A missing value (not recovered, path not listed) is null.
template <class Json>
Json comparison_json(const sim::Comparison& c) {
  auto figure = [](const sim::FigureChange& f) {
    return Json{{"base", f.base}, {"what_if", f.what_if}, {"change", f.change}};
  };
  auto optional = [](const auto& v) { return v ? Json(*v) : Json(nullptr); };
  Json roles = Json::array();
  for (const auto& r : c.roles) {
    roles.push_back(Json{{"id", r.id},
                         {"name", r.name},
                         {"in_base", r.in_base},
                         {"in_what_if", r.in_what_if},
                         {"peak", figure(r.peak)}});
  }
  Json paths = Json::array();
  for (const auto& p : c.paths) {
    paths.push_back(Json{{"ids", p.ids},
                         {"names", p.names},
                         {"base_share", optional(p.base_share)},
                         {"what_if_share", optional(p.what_if_share)},
                         {"base_cx_points", optional(p.base_cx_points)},
                         {"what_if_cx_points", optional(p.what_if_cx_points)},
                         {"share_change", p.share_change}});
  }
  return Json{{"cx_baseline", figure(c.cx_baseline)},
              {"cx_min", figure(c.cx_min)},
              {"cx_final", figure(c.cx_final)},
              {"recovery_step", Json{{"base", optional(c.recovery.base)},
                                     {"what_if", optional(c.recovery.what_if)},
                                     {"change", optional(c.recovery.change)}}},
              {"total_cx_points", c.total_cx_points ? figure(*c.total_cx_points) : Json(nullptr)},
              {"roles", roles},
              {"paths", paths}};
}

}  // namespace orgsim::app
