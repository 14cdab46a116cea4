#include "app/run_record.hpp"

#include <filesystem>

#include "common/digest.hpp"
#include "orgsim_version.hpp"

namespace orgsim::app {

namespace {
std::string digest_of(const model::Scenario& s, const std::string& file) {
  if (file.empty() || !s.sources) return "";
  const std::string* text = s.sources->text(file);
  return text ? sha256_hex(*text) : "";
}
}  // namespace

std::string tables_field(const std::vector<TableDigest>& tables) {
  std::string out;
  for (const TableDigest& t : tables) {
    if (!out.empty()) out += ';';
    out += std::filesystem::path(t.file).filename().string() + "=" + t.sha256;
  }
  return out;
}

RunRecord make_run_record(const model::Scenario& s) {
  RunRecord r;
  r.orgsim_version = kVersion;
  r.model_file = s.model.file;
  r.model_sha256 = digest_of(s, s.model.file);
  for (const std::string& table : s.model.table_files) {
    r.tables.push_back({table, digest_of(s, table)});
  }
  r.scenario_file = s.file;
  r.scenario_sha256 = digest_of(s, s.file);
  return r;
}

}  // namespace orgsim::app
