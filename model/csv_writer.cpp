#include "model/csv_writer.hpp"

#include "common/number_format.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::model {

void append_csv_field(std::string& out, std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

std::string departments_csv(const OrgGraph& g) {
  std::string out = "id,name\n";
  for (const Department& d : g.departments()) {
    append_csv_field(out, d.id);
    out += ',';
    append_csv_field(out, d.name);
    out += '\n';
  }
  return out;
}

std::string roles_csv(const OrgGraph& g) {
  std::string out = "id,name,department,recovery,touchpoint,description\n";
  out.reserve(g.role_count() * 64);
  for (const Role& r : g.roles()) {
    append_csv_field(out, r.id);
    out += ',';
    append_csv_field(out, r.name);
    out += ',';
    append_csv_field(out, g.department(r.department).id);
    out += ',';
    append_shortest(out, r.recovery);
    out += ',';
    append_shortest(out, r.touchpoint);
    out += ',';
    append_csv_field(out, r.description);
    out += '\n';
  }
  return out;
}

std::string dependencies_csv(const OrgGraph& g) {
  std::string out = "role,depends_on,weight\n";
  out.reserve(g.dependencies().size() * 32);
  for (const Dependency& d : g.dependencies()) {
    append_csv_field(out, g.role(d.role).id);
    out += ',';
    append_csv_field(out, g.role(d.depends_on).id);
    out += ',';
    append_shortest(out, d.weight);
    out += '\n';
  }
  return out;
}

std::string tables_yaml(const OrgGraph& g, std::string_view departments_file,
                        std::string_view roles_file, std::string_view dependencies_file) {
  std::string out = "name: " + yaml_scalar(g.name) + "\n";
  if (!g.description.empty()) out += "description: " + yaml_scalar(g.description) + "\n";
  out += "cx:\n  baseline: " + yaml_number(g.cx_baseline) + "\n";
  out += "tables:\n";
  out += "  departments: " + yaml_scalar(departments_file) + "\n";
  out += "  roles: " + yaml_scalar(roles_file) + "\n";
  out += "  dependencies: " + yaml_scalar(dependencies_file) + "\n";
  return out;
}

}  // namespace orgsim::model
