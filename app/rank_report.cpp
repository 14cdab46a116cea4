#include "app/rank_report.hpp"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "app/text.hpp"
#include "common/number_format.hpp"
#include "model/csv_writer.hpp"
#include "orgsim_version.hpp"

namespace orgsim::app {

namespace {

constexpr std::size_t kNameWidth = 30;
constexpr std::size_t kDepartmentWidth = 22;

// The largest loss: the first entry of a sorted ranking (0 for an empty model).
double worst(const RankReport& r) { return r.ranking.empty() ? 0.0 : r.ranking.front().cx_points; }

double share_of_worst(const RankReport& r, const sim::RoleCriticality& c) {
  const double w = worst(r);
  return w > 0.0 ? c.cx_points / w : 0.0;
}

// The run-record fields that end every CSV row:
// ",version,model,tables,scenario,seed,samples\n" (all empty without a record).
std::string record_fields(const RunRecord* record) {
  if (!record) return ",,,,,,\n";
  auto number = [](const std::optional<std::uint64_t>& v) {
    return v ? std::to_string(*v) : std::string();
  };
  return "," + csv_field(record->orgsim_version) + "," + csv_field(record->model_sha256) + "," +
         csv_field(tables_field(record->tables)) + "," + csv_field(record->scenario_sha256) + "," +
         number(record->seed) + "," + number(record->samples) + "\n";
}

}  // namespace

std::string csv_field(const std::string& text) { return model::csv_field(text); }

void print_rank_table(const RankReport& r, std::size_t top, std::ostream& out) {
  const auto& g = r.graph;
  out << "Model      " << terminal_safe(g.name) << ": " << count_of(g.role_count(), "role", "roles")
      << ", " << count_of(g.departments().size(), "department", "departments") << ", "
      << count_of(g.dependencies().size(), "dependency", "dependencies") << "\n";
  out << "Failure    each role alone, degraded " << format_fixed(100.0 * r.degrade, 0)
      << "%, linear static IIM (one adjoint solve)\n";
  if (r.exact) out << "Exact      the same failures in the clamped model q = min(1, A q + c)\n";
  out << "CX         baseline " << format_fixed(g.cx_baseline, 2) << "\n";
  out << "\nRoles by the CX points their failure alone would cost\n";
  out << "   #  " << fit("role", kNameWidth) << "  " << fit("department", kDepartmentWidth)
      << "  CX points  share of worst" << (r.exact ? "      exact  differs" : "") << "\n";
  const std::size_t rows = std::min(top, r.ranking.size());
  for (std::size_t k = 0; k < rows; ++k) {
    const auto& c = r.ranking[k];
    const auto& role = g.role(c.role);
    out << right(std::to_string(k + 1), 4) << "  " << fit(role.name, kNameWidth) << "  "
        << fit(g.department(role.department).name, kDepartmentWidth) << "  "
        << right(format_fixed(c.cx_points, 2), 9) << "  "
        << right(format_fixed(100.0 * share_of_worst(r, c), 1) + "%", 14);
    if (c.exact_cx_points) {
      out << "  " << right(format_fixed(*c.exact_cx_points, 2), 9) << "  "
          << (c.differs() ? "yes" : "no");
    }
    out << "\n";
  }
  if (rows < r.ranking.size()) {
    out << "      ... " << r.ranking.size() - rows << " more (--csv or --json lists every role)\n";
  }
}

std::string rank_csv(const RankReport& r) {
  std::string out = "rank,role_id,role_name,department,cx_points,share_of_worst";
  out += r.exact ? ",exact_cx_points,differs," : ",";
  out += std::string(kRankRecordColumns) + "\n";
  const std::string record = record_fields(r.record);
  for (std::size_t k = 0; k < r.ranking.size(); ++k) {
    const auto& c = r.ranking[k];
    const auto& role = r.graph.role(c.role);
    out += std::to_string(k + 1) + "," + csv_field(role.id) + "," + csv_field(role.name) + "," +
           csv_field(r.graph.department(role.department).id) + "," + format_exact(c.cx_points) +
           "," + format_exact(share_of_worst(r, c));
    if (c.exact_cx_points) {
      out += "," + format_exact(*c.exact_cx_points) + (c.differs() ? ",true" : ",false");
    }
    out += record;
  }
  return out;
}

std::string rank_json(const RankReport& r) {
  using nlohmann::json;
  json roles = json::array();
  for (std::size_t k = 0; k < r.ranking.size(); ++k) {
    const auto& c = r.ranking[k];
    const auto& role = r.graph.role(c.role);
    json j = {{"rank", k + 1},
              {"role_id", role.id},
              {"role_name", role.name},
              {"department", r.graph.department(role.department).id},
              {"cx_points", c.cx_points},
              {"share_of_worst", share_of_worst(r, c)}};
    if (c.exact_cx_points) {
      j["exact_cx_points"] = *c.exact_cx_points;
      j["differs"] = c.differs();
    }
    roles.push_back(std::move(j));
  }
  json out = {{"orgsim_version", kVersion},
              {"model",
               {{"name", r.graph.name},
                {"file", r.graph.file},
                {"roles", r.graph.role_count()},
                {"cx_baseline", r.graph.cx_baseline}}},
              {"degrade", r.degrade},
              {"exact", r.exact},
              {"roles", std::move(roles)}};
  if (r.record) out["run_record"] = run_record_json<json>(*r.record);
  // Invalid UTF-8 in a name becomes U+FFFD instead of an exception.
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string rank_scenario_json(const model::Scenario& scenario, double degrade,
                               const sim::RankParams& params) {
  sim::validate_rank(degrade, params);  // before the copy of the model
  const model::OrgGraph graph = model::apply_changes(scenario.model, scenario.changes);
  const auto ranking = sim::rank_roles(graph, degrade, params);
  return rank_json(RankReport{graph, degrade, params.exact, ranking, nullptr});
}

}  // namespace orgsim::app
