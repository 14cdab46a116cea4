#include "app/hr_import.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include "app/text.hpp"
#include "common/errors.hpp"
#include "common/number_format.hpp"
#include "common/printable.hpp"
#include "common/source_files.hpp"
#include "model/validate.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// An id from a name: ASCII letters lowercased, digits and UTF-8 kept, anything else one
// '-'; "Customer Service" -> "customer-service", "R&D" -> "r-d".
std::string slug(std::string_view name) {
  std::string out;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (keep || (c >= 'A' && c <= 'Z')) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

// `wanted`, or wanted-2, wanted-3 ... when another name gave the same slug.
std::string unique_id(std::string wanted, std::unordered_map<std::string, int>& taken) {
  int& n = taken[wanted];
  if (++n == 1) return wanted;
  std::string id;
  do {
    id = wanted + "-" + std::to_string(n++);
  } while (taken.count(id) != 0);
  taken[id] = 1;
  return id;
}

// 3 significant digits, so a weight reads as a person would write it (0.0667, not
// 0.06666666666666667), and stays above 0.
double round3(double w) {
  const std::string text = format_significant(w, 3);
  double v = w;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

std::string people(std::size_t n) { return count_of(n, "person", "people"); }

double recovery_for(std::size_t headcount) {
  if (headcount <= 1) return kRecoveryAlone;
  return headcount < kLargeTeam ? kRecoverySmallTeam : kRecoveryLargeTeam;
}

// Touchpoint weights from customer-facing headcount, in units of 1/10000 that add up to
// exactly 10000 (largest remainder), each role with any such people getting at least one.
std::vector<double> touchpoint_shares(const std::vector<std::size_t>& facing) {
  std::size_t roles = 0, total = 0;
  for (std::size_t n : facing) {
    roles += n > 0;
    total += n;
  }
  std::vector<double> weights(facing.size(), 0.0);
  if (total == 0) return weights;
  long long units = 10000;
  while (units < static_cast<long long>(roles)) units *= 10;
  std::vector<long long> share(facing.size(), 0);
  std::vector<std::pair<double, std::size_t>> remainders;
  long long given = 0;
  for (std::size_t i = 0; i < facing.size(); ++i) {
    const double exact =
        static_cast<double>(units) * static_cast<double>(facing[i]) / static_cast<double>(total);
    share[i] = static_cast<long long>(std::floor(exact));
    given += share[i];
    if (facing[i] > 0) remainders.push_back({exact - static_cast<double>(share[i]), i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < units; ++k, ++given) ++share[remainders[k].second];
  for (std::size_t i = 0; i < facing.size(); ++i) {
    if (facing[i] == 0 || share[i] > 0) continue;
    ++share[i];
    --*std::max_element(share.begin(), share.end());
  }
  for (std::size_t i = 0; i < facing.size(); ++i) {
    weights[i] = static_cast<double>(share[i]) / static_cast<double>(units);
  }
  return weights;
}

std::string header_comment(const model::HrTable& table, const HrModel& m, std::string_view source) {
  const model::OrgGraph& g = m.graph;
  std::ostringstream h;
  h << "Imported from " << printable(source) << " by orgsim import hr: " << people(m.employees)
    << ", " << count_of(g.role_count(), "role", "roles") << ", "
    << count_of(g.departments().size(), "department", "departments") << ".\n"
    << "Every number is a first guess from the org chart alone: settle them with the people\n"
    << "who know (docs/modelling-guide.md; orgsim elicit). The assumptions (docs/import-hr.md):\n"
    << "1. A role is a (department, job title) pair, compared ignoring case and surrounding\n"
    << "   spaces (the first spelling is kept); its headcount is in the comment on its line.\n"
    << "   Ids are department.title in lower case with '-' for other characters.\n"
    << "2. Reporting lines are dependencies between roles, both ways, shared out by headcount:\n"
    << "   - a team depends on its manager's role (direction, approvals, escalations):\n"
    << "     weight " << format_shortest(kTeamOnManagerWeight)
    << " x the share of the team's people who report to someone in that role;\n"
    << "   - a manager's role depends on the roles it manages (it delivers through them):\n"
    << "     weight " << format_shortest(kManagerOnTeamWeight)
    << " x the share of its direct reports who are in that role.\n"
    << "   A role's weights add up to at most " << format_shortest(kTeamOnManagerWeight)
    << " on its managers and " << format_shortest(kManagerOnTeamWeight) << " on its teams,\n"
    << "   so every loop has gain at most "
    << format_shortest(kTeamOnManagerWeight + kManagerOnTeamWeight)
    << ". Reports within one role are not dependencies.\n"
    << "   Weights are rounded to 3 significant digits.\n";
  if (m.customer_facing > 0) {
    h << "3. Touchpoints: a role's weight is its share of the " << people(m.customer_facing)
      << " marked customer-facing;\n"
      << "   the weights add up to 1 (in steps of 0.0001). Lower them if part of how customers\n"
      << "   judge you lies outside the organization (brand, price).\n";
  } else if (table.has_customer_facing) {
    h << "3. Touchpoints: nobody is marked customer-facing, so no role is a touchpoint and no\n"
      << "   failure can change the CX score: give the customer-facing roles a touchpoint.\n";
  } else {
    h << "3. Touchpoints: the export has no customer-facing column, so no role is a touchpoint\n"
      << "   and no failure can change the CX score: give the customer-facing roles a\n"
      << "   touchpoint, or import again with that column (--columns customer_facing=NAME).\n";
  }
  h << "4. Recovery per " << kHrTimeUnit << " (time_unit): " << format_shortest(kRecoveryAlone)
    << " for a role held by one person (nobody covers),\n"
    << "   " << format_shortest(kRecoverySmallTeam) << " for 2 to " << kLargeTeam - 1 << " people, "
    << format_shortest(kRecoveryLargeTeam) << " for " << kLargeTeam
    << " or more (colleagues share the backlog).\n";
  int next = 5;
  if (!table.own_managers.empty()) {
    h << next++ << ". " << people(table.own_managers.size())
      << " named as their own manager, taken as the top of the chart: ";
    for (std::size_t i = 0; i < table.own_managers.size() && i < 5; ++i) {
      h << (i ? ", " : "") << printable(table.employees[table.own_managers[i]].id);
    }
    h << (table.own_managers.size() > 5 ? ", ...\n" : ".\n");
  }
  h << next << ". Only the columns above are read: names, e-mails and the rest of the export\n"
    << "   are not in this file.";
  return h.str();
}

}  // namespace

HrModel build_hr_model(const model::HrTable& table, std::string_view source,
                       const HrImportParams& params) {
  HrModel m;
  model::OrgGraph& g = m.graph;
  g.name = params.name.empty() ? fs::path(source).stem().string() : params.name;
  g.description = "Imported from an HR export by orgsim import hr";
  g.time_unit = std::string(kHrTimeUnit);
  m.employees = table.employees.size();

  // Departments and roles in the order the file first names them.
  std::unordered_map<std::string, model::DepartmentId> department_of;
  std::unordered_map<std::string, std::uint32_t> role_of;
  std::unordered_map<std::string, int> department_ids, role_ids;
  std::unordered_map<std::string, std::size_t> title_departments;  // departments per title
  std::vector<std::uint32_t> role_by_employee(table.employees.size());
  std::vector<std::string> titles;
  std::vector<std::size_t> facing, department_people;
  for (std::size_t i = 0; i < table.employees.size(); ++i) {
    const model::Employee& e = table.employees[i];
    auto [d, new_department] = department_of.try_emplace(lower(e.department));
    if (new_department) {
      d->second = g.add_department(
          {unique_id(slug(e.department), department_ids), e.department, TextPos{}});
      department_people.push_back(0);
    }
    ++department_people[d->second.value];
    const std::string key = lower(e.department) + '\n' + lower(e.title);
    auto [r, new_role] = role_of.try_emplace(key);
    if (new_role) {
      r->second = static_cast<std::uint32_t>(titles.size());
      titles.push_back(e.title);
      ++title_departments[lower(e.title)];
      model::Role role;
      role.id = unique_id(g.department(d->second).id + "." + slug(e.title), role_ids);
      role.department = d->second;
      g.add_role(std::move(role));
      m.headcount.push_back(0);
      facing.push_back(0);
    }
    role_by_employee[i] = r->second;
    ++m.headcount[r->second];
    if (e.customer_facing) {
      ++facing[r->second];
      ++m.customer_facing;
    }
  }
  // A title held in one department is the role's name; else the department says which.
  for (std::uint32_t r = 0; r < titles.size(); ++r) {
    model::Role& role = g.role(model::RoleId(r));
    role.name = title_departments[lower(titles[r])] == 1
                    ? titles[r]
                    : titles[r] + " (" + g.department(role.department).name + ")";
  }

  // Reporting lines between different roles, counted by (team role, manager role).
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> links;
  std::vector<std::size_t> reports(titles.size(), 0);  // a manager role's reports in other roles
  for (std::size_t i = 0; i < table.employees.size(); ++i) {
    const std::uint32_t manager = table.employees[i].manager;
    if (manager == model::kNoManager) continue;
    const std::uint32_t team = role_by_employee[i], boss = role_by_employee[manager];
    if (team == boss) continue;
    ++links[{team, boss}];
    ++reports[boss];
  }
  struct Weight {
    double weight = 0.0;
    std::string why;
  };
  std::map<std::pair<std::uint32_t, std::uint32_t>, Weight> weights;  // (role, depends_on)
  auto name = [&](std::uint32_t r) { return g.role(model::RoleId(r)).name; };
  auto add = [&](std::uint32_t role, std::uint32_t on, double w, std::string why) {
    Weight& x = weights[{role, on}];
    x.weight += w;
    x.why += (x.why.empty() ? "" : "; ") + why;
  };
  for (const auto& [pair, n] : links) {
    const auto [team, boss] = pair;
    add(team, boss, kTeamOnManagerWeight * static_cast<double>(n) / m.headcount[team],
        "team on manager: " + std::to_string(n) + " of " + std::to_string(m.headcount[team]) + " " +
            name(team) + " report to " + name(boss));
    add(boss, team, kManagerOnTeamWeight * static_cast<double>(n) / reports[boss],
        "manager on team: " + std::to_string(n) + " of the " + std::to_string(reports[boss]) +
            " reports of " + name(boss) + " are " + name(team));
  }
  for (const auto& [pair, w] : weights) {
    g.add_dependency(
        {model::RoleId(pair.first), model::RoleId(pair.second), round3(w.weight), TextPos{}});
    m.comments.dependencies.push_back(w.why);
  }

  const std::vector<double> touch = touchpoint_shares(facing);
  for (std::uint32_t r = 0; r < titles.size(); ++r) {
    model::Role& role = g.role(model::RoleId(r));
    role.recovery = recovery_for(m.headcount[r]);
    role.touchpoint = touch[r];
    std::string why = people(m.headcount[r]);
    if (facing[r] > 0) {
      why += ", " + std::to_string(facing[r]) + " of the " + std::to_string(m.customer_facing) +
             " customer-facing";
    }
    m.comments.roles.push_back(std::move(why));
  }
  for (std::size_t d = 0; d < g.departments().size(); ++d) {
    m.comments.departments.push_back(people(department_people[d]));
  }
  m.comments.header = header_comment(table, m, source);
  return m;
}

HrModel import_hr(const fs::path& csv, const HrImportParams& params, std::uintmax_t max_input_mb) {
  std::error_code ec;
  if (!fs::is_regular_file(csv, ec)) {
    throw InvalidArgument("CSV: '" + printable_path(csv) + "' is not a file");
  }
  const std::uintmax_t size = fs::file_size(csv, ec);
  if (!ec && size > max_input_mb * 1024 * 1024) {
    throw InvalidArgument("CSV: '" + printable_path(csv) +
                          "' is too large: " + std::to_string(size) + " bytes, the limit is " +
                          std::to_string(max_input_mb) + " MB (--max-input-mb)");
  }
  std::ifstream in(csv, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InvalidArgument("CSV: cannot read '" + printable_path(csv) + "'");
  const std::string file = csv.string();
  Diagnostics problems;
  const auto table = model::read_hr_table(text.str(), file, params.columns, problems);
  SourceFiles sources;
  sources.add(file, text.str());
  model::throw_if_errors(problems, &sources);
  return build_hr_model(*table, file, params);
}

}  // namespace orgsim::app
