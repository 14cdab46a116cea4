#include "model/csv_writer.hpp"

#include <charconv>

#include "model/yaml_writer.hpp"

namespace orgsim::model {

namespace {

// RFC 4180: quoted when it holds a comma, a quote or a line break, and also when it
// starts or ends with a space or is empty-looking to a spreadsheet; quotes doubled.
void append_text(std::string& out, std::string_view text) {
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

// The shortest text that reads back to the same double (std::to_chars's guarantee).
void append_number(std::string& out, double value) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

}  // namespace

std::string departments_csv(const OrgGraph& g) {
  std::string out = "id,name\n";
  for (const Department& d : g.departments()) {
    append_text(out, d.id);
    out += ',';
    append_text(out, d.name);
    out += '\n';
  }
  return out;
}

std::string roles_csv(const OrgGraph& g) {
  std::string out = "id,name,department,recovery,touchpoint,description\n";
  out.reserve(g.role_count() * 64);
  for (const Role& r : g.roles()) {
    append_text(out, r.id);
    out += ',';
    append_text(out, r.name);
    out += ',';
    append_text(out, g.department(r.department).id);
    out += ',';
    append_number(out, r.recovery);
    out += ',';
    append_number(out, r.touchpoint);
    out += ',';
    append_text(out, r.description);
    out += '\n';
  }
  return out;
}

std::string dependencies_csv(const OrgGraph& g) {
  std::string out = "role,depends_on,weight\n";
  out.reserve(g.dependencies().size() * 32);
  for (const Dependency& d : g.dependencies()) {
    append_text(out, g.role(d.role).id);
    out += ',';
    append_text(out, g.role(d.depends_on).id);
    out += ',';
    append_number(out, d.weight);
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
