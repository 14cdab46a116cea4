// nlohmann-json is costly to compile: it stays in .cpp files.
#include "app/role_pages.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>
#include <unordered_set>

#include "app/output_guard.hpp"
#include "app/web_modules.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/number_format.hpp"
#include "common/printable.hpp"
#include "sim/rank.hpp"
#include "viz/html_escape.hpp"
#include "viz/web_assets.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxStem = 80;
constexpr std::size_t kProgressAbove = 500;
constexpr std::size_t kProgressEvery = 1000;
constexpr std::string_view kManifestHead =
    "# Files written by `orgsim diagram --all --interactive`, one a line. orgsim replaces\n"
    "# them when it writes this folder again, and deletes those the new set lacks.\n";

std::string esc(std::string_view text) { return viz::escape_html(text); }

std::string role_name(const model::Role& r) { return r.name.empty() ? r.id : r.name; }

std::string department_name(const model::OrgGraph& g, model::DepartmentId d) {
  const auto& dep = g.department(d);
  return dep.name.empty() ? dep.id : dep.name;
}

std::string percent(double x) { return format_fixed(x * 100.0, 0) + "%"; }

// Stems a case-insensitive disk or Windows would not keep apart from others.
bool reserved(const std::string& stem) {
  static const std::set<std::string> kReserved = [] {
    std::set<std::string> s{"index", "con", "prn", "aux", "nul"};
    for (int i = 1; i <= 9; ++i) {
      s.insert("com" + std::to_string(i));
      s.insert("lpt" + std::to_string(i));
    }
    return s;
  }();
  return kReserved.contains(stem);
}

// A script file's text must not be able to end the <script> element of a page that
// inlines it later; the engine is checked the way app/offline_page.cpp checks it.
void check_script(std::string_view what, std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.find("</script") != std::string::npos) {
    throw InvalidArgument(std::string(what) + " contains '</script'");
  }
}

struct Neighbour {
  model::RoleId role;
  double weight = 0;
};

// What `role` depends on (`suppliers`) and what depends on it, strongest first.
void neighbours(const model::OrgGraph& g, model::RoleId role, std::vector<Neighbour>& suppliers,
                std::vector<Neighbour>& dependents) {
  std::map<std::uint32_t, double> in, out;
  for (const auto& d : g.dependencies()) {
    if (d.role == role && d.depends_on != role) in[d.depends_on.value] += d.weight;
    if (d.depends_on == role && d.role != role) out[d.role.value] += d.weight;
  }
  auto sorted = [](const std::map<std::uint32_t, double>& m) {
    std::vector<Neighbour> v;
    for (const auto& [i, w] : m) v.push_back({model::RoleId(i), w});
    std::stable_sort(v.begin(), v.end(),
                     [](const Neighbour& a, const Neighbour& b) { return a.weight > b.weight; });
    return v;
  };
  suppliers = sorted(in);
  dependents = sorted(out);
}

std::string page_head(const std::string& title) {
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"orgsim diagram --all --interactive\">\n"
         "<title>" +
         esc(title) +
         "</title>\n<link rel=\"stylesheet\" href=\"assets/role_page.css\">\n</head>\n";
}

std::string model_title(const model::OrgGraph& g) {
  return g.name.empty() ? "Our organization" : g.name;
}

std::string neighbour_list(const model::OrgGraph& g, const std::vector<Neighbour>& list,
                           const std::vector<std::string>& names, std::string_view testid,
                           std::string_view none) {
  if (list.empty()) return "<p class=\"muted\">" + std::string(none) + "</p>\n";
  std::string out = "<ul class=\"links\" data-testid=\"" + std::string(testid) + "\">\n";
  for (const auto& n : list) {
    const auto& r = g.role(n.role);
    out += "<li><a href=\"" + esc(names[n.role.value]) + "\" data-role=\"" + esc(r.id) + "\">" +
           esc(role_name(r)) + "</a> <span class=\"muted\" title=\"dependency weight\">" +
           format_fixed(n.weight, 2) + "</span></li>\n";
  }
  return out + "</ul>\n";
}

std::string role_page(const model::OrgGraph& g, model::RoleId id,
                      const std::vector<std::string>& names, double degrade) {
  const model::Role& r = g.role(id);
  std::vector<Neighbour> suppliers, dependents;
  neighbours(g, id, suppliers, dependents);
  const std::string name = esc(role_name(r));
  std::string out =
      page_head(role_name(r) + ": how this role reaches the customer · " + model_title(g));
  out += "<body class=\"role-page\" data-role=\"" + esc(r.id) + "\">\n<header>\n";
  out += "<a class=\"back\" data-testid=\"back\" href=\"index.html\">&larr; All roles</a>\n";
  out += "<div class=\"heading\"><h1 id=\"role-name\" data-testid=\"role-name\">" + name +
         "</h1><span class=\"department\">" + esc(department_name(g, r.department)) + " &middot; " +
         esc(model_title(g)) + "</span></div>\n</header>\n";
  out +=
      "<div id=\"error\" data-testid=\"error\" role=\"alert\" hidden></div>\n"
      "<noscript><p class=\"error\">This page draws its picture and figures with "
      "JavaScript: allow scripts for this page, or open it in another browser.</p></noscript>\n";
  // The question the page answers, with its two controls in the sentence.
  out +=
      "<section class=\"question\" aria-label=\"What if\">\n<p>What would customers notice "
      "if <b>" +
      name + "</b> were\n";
  out +=
      "<label class=\"degrade\"><input id=\"degrade\" data-testid=\"degrade\" type=\"range\" "
      "min=\"0\" max=\"100\" step=\"5\" value=\"" +
      format_fixed(degrade * 100.0, 0) + "\" aria-label=\"How badly " + name +
      " fails (percent)\"> <output id=\"degrade-value\" data-testid=\"degrade-value\" "
      "for=\"degrade\">" +
      percent(degrade) + "</output> down</label>\n";
  out +=
      "for <input id=\"duration\" data-testid=\"duration\" type=\"number\" min=\"1\" step=\"1\" "
      "aria-label=\"How long the failure lasts\"> <span id=\"duration-unit\">steps</span>?"
      "</p>\n<p class=\"hint muted\" id=\"question-hint\">0% = working normally, 100% = "
      "stopped. Move the slider: the figures and the picture follow.</p>\n</section>\n";
  out +=
      "<section class=\"figures\" data-testid=\"figures\" aria-label=\"Customer experience\">\n"
      "<div class=\"figure\"><div class=\"label\">CX today</div><div class=\"number\" "
      "id=\"cx-baseline\" data-testid=\"cx-baseline\">&ndash;</div></div>\n"
      "<div class=\"figure\"><div class=\"label\">CX at worst</div><div class=\"number\" "
      "id=\"cx-min\" data-testid=\"cx-min\">&ndash;</div><div class=\"sub\" id=\"cx-min-step\">"
      "</div></div>\n"
      "<div class=\"figure change\"><div class=\"label\">CX points lost</div><div "
      "class=\"number\" id=\"cx-change\" data-testid=\"cx-change\">&ndash;</div><div "
      "class=\"sub\">at worst</div></div>\n"
      "<div class=\"figure\"><div class=\"label\">CX at the end</div><div class=\"number\" "
      "id=\"cx-final\" data-testid=\"cx-final\">&ndash;</div><div class=\"sub\" "
      "id=\"cx-final-step\"></div></div>\n"
      "<svg id=\"cx-line\" data-testid=\"cx-line\" class=\"cx-line\" role=\"img\" "
      "aria-label=\"CX over time\"></svg>\n</section>\n";
  out += "<main>\n<section class=\"picture\" aria-label=\"How " + name +
         " reaches the customer\">\n<div id=\"diagram\" data-testid=\"diagram\" "
         "class=\"diagram\"></div>\n<p class=\"muted help\">Drawn: the roles on the strongest "
         "paths from " +
         name +
         " to the customer (CX); thicker arrows carry more CX points. q under a name: how far "
         "that role is from normal at its worst (0 normal, 1 stopped). Click a role to open its "
         "page.</p>\n</section>\n";
  out +=
      "<aside>\n<h2>Strongest paths to the customer</h2>\n<ol id=\"paths\" "
      "data-testid=\"paths\" class=\"paths\"><li class=\"muted\">Computing&hellip;</li></ol>\n";
  out += "<h2>" + name + " depends on</h2>\n" +
         neighbour_list(g, suppliers, names, "depends-on", "No other role.");
  if (!suppliers.empty() || !dependents.empty()) {
    out +=
        "<p class=\"muted small\">The numbers: the share of one role's trouble that passes "
        "to the other (0 to 1).</p>\n";
  }
  out += "<h2>Roles that depend on " + name + "</h2>\n" +
         neighbour_list(g, dependents, names, "dependents", "No other role.");
  if (!r.description.empty()) {
    out += "<h2>About this role</h2>\n<p class=\"description\">" + esc(r.description) + "</p>\n";
  }
  out += "</aside>\n</main>\n";
  // Classic scripts: a page from file:// may load them, but may not import modules.
  out +=
      "<script src=\"assets/orgsim_engine.js\"></script>\n"
      "<script src=\"assets/orgsim_data.js\"></script>\n"
      "<script src=\"assets/orgsim_modules.js\"></script>\n"
      "<script src=\"assets/role_page.js\"></script>\n"
      "</body>\n</html>\n";
  return out;
}

std::string index_page(const model::OrgGraph& g, const std::vector<std::string>& names,
                       double degrade) {
  // The index's one figure per role: the long-run CX points of the role alone failing
  // (sim::rank_roles, one adjoint solve for all roles), so a trainer sees where to start.
  std::vector<double> points(g.role_count(), 0.0);
  double most = 0;
  for (const auto& c : sim::rank_roles(g, degrade)) {
    points[c.role.value] = c.cx_points;
    most = std::max(most, c.cx_points);
  }
  std::string out = page_head(model_title(g) + ": how each role reaches the customer");
  out += "<body class=\"index-page\">\n<header><div class=\"heading\"><h1>" + esc(model_title(g)) +
         "</h1><span class=\"department\">How each role reaches the customer</span></div>"
         "</header>\n<main class=\"index\">\n";
  out +=
      "<p class=\"intro\">Pick a role. Its page shows how trouble in that role travels to "
      "the customer, and what customers would notice if it failed: change how badly and "
      "for how long, and the figures follow. " +
      std::to_string(g.role_count()) + " roles in " + std::to_string(g.departments().size()) +
      " departments. The bars: the CX points lost in the long run if the role stays " +
      percent(degrade) + " down (its page tries shorter failures).</p>\n";
  for (std::uint32_t d = 0; d < g.departments().size(); ++d) {
    std::string items;
    for (std::uint32_t i = 0; i < g.role_count(); ++i) {
      const auto& r = g.roles()[i];
      if (r.department.value != d) continue;
      const double share = most > 0 ? points[i] / most : 0;
      items += "<li><a href=\"" + esc(names[i]) + "\" data-role=\"" + esc(r.id) + "\">" +
               esc(role_name(r)) +
               "</a><span class=\"bar\" aria-hidden=\"true\"><span style=\"width:" +
               format_fixed(share * 100.0, 0) + "%\"></span></span><span class=\"points\">" +
               format_fixed(points[i], 2) + " CX points</span></li>\n";
    }
    if (items.empty()) continue;
    out += "<section class=\"department-list\"><h2>" +
           esc(department_name(g, model::DepartmentId(d))) +
           "</h2>\n<ul class=\"roles\" data-testid=\"roles\">\n" + items + "</ul></section>\n";
  }
  out +=
      "</main>\n<footer class=\"muted\">Made with orgsim. Works offline: no file here "
      "reaches the network.</footer>\n</body>\n</html>\n";
  return out;
}

// The data every page reads: the model and its layout as the workshop page's API
// answers them, the file of each role's page, and the slider's starting value.
std::string data_script(const model::OrgGraph& g, const RolePagesInput& in,
                        const std::vector<std::string>& names) {
  json pages = json::object();
  for (std::uint32_t i = 0; i < g.role_count(); ++i) pages[g.roles()[i].id] = names[i];
  json rest = {{"pages", pages}, {"degrade", in.degrade}, {"index", "index.html"}};
  const std::string tail = rest.dump(-1, ' ', false, json::error_handler_t::replace);
  return "// The model, its layout and the page of each role (orgsim diagram --all "
         "--interactive).\nwindow.orgsimRolePages = {\"model\": " +
         in.model_json + ",\n\"layout\": " + in.layout_json + ",\n" + tail.substr(1) + ";\n";
}

// diagram.js and its imports as text: role_page.js imports them from data: URLs, as
// offline.js does (a page from file:// cannot import files).
std::string modules_script() {
  return "// viz/web's diagram.js and its imports as text: a page from file:// cannot import "
         "files.\nwindow.orgsimRoleModules = " +
         web_module_closure_json("diagram.js") + ";\n";
}

std::string manifest(const std::set<std::string>& names) {
  std::string out(kManifestHead);
  for (const auto& name : names) {
    if (name != kRolePageManifest) out += name + "\n";
  }
  return out + kRolePageManifest + "\n";
}

std::set<std::string> read_manifest(const fs::path& file) {
  std::set<std::string> names;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') names.insert(line);
  }
  return names;
}

// A name from an earlier run's list is deleted only if it is one orgsim could have
// written: a plain file name at the top, or under assets/; never "..", never absolute.
bool own_name(const std::string& name) {
  const fs::path p(name);
  if (p.is_absolute() || name.find("..") != std::string::npos ||
      name.find('\\') != std::string::npos)
    return false;
  const std::string prefix = std::string(kRolePageAssets) + "/";
  const std::string leaf = name.starts_with(prefix) ? name.substr(prefix.size()) : name;
  return !leaf.empty() && leaf.find('/') == std::string::npos;
}

bool is_link(const fs::path& p) {
  std::error_code ec;
  return fs::is_symlink(fs::symlink_status(p, ec));
}

}  // namespace

std::vector<std::string> role_page_names(const model::OrgGraph& g) {
  std::unordered_set<std::string> taken;
  std::vector<std::string> names;
  names.reserve(g.role_count());
  for (const auto& r : g.roles()) {
    std::string stem;
    for (unsigned char c : r.id) {
      if (stem.size() == kMaxStem) break;
      const char l = static_cast<char>(std::tolower(c));
      stem += (std::isalnum(c) && c < 0x80) || c == '-' || c == '_' ? l : '_';
    }
    if (stem.empty()) stem = "role";
    std::string unique = stem;
    for (int n = 2; reserved(unique) || !taken.insert(unique).second; ++n) {
      unique = stem + "-" + std::to_string(n);
    }
    names.push_back(unique + ".html");
  }
  return names;
}

std::vector<PageFile> role_pages(const model::OrgGraph& g, const RolePagesInput& in) {
  check_script("the engine (orgsim_engine.js)", in.engine_js);
  const std::vector<std::string> names = role_page_names(g);
  const std::string assets = std::string(kRolePageAssets) + "/";
  std::vector<PageFile> files;
  files.reserve(g.role_count() + 6);
  // The shared files first and index.html last: a reader of a half-written folder
  // finds no page whose scripts are missing.
  files.push_back({assets + "orgsim_engine.js", in.engine_js});
  files.push_back({assets + "orgsim_data.js", data_script(g, in, names)});
  files.push_back({assets + "orgsim_modules.js", modules_script()});
  files.push_back({assets + "role_page.js", std::string(viz::web_asset("role_page.js"))});
  files.push_back({assets + "role_page.css", std::string(viz::web_asset("role_page.css"))});
  for (std::uint32_t i = 0; i < g.role_count(); ++i) {
    files.push_back({names[i], role_page(g, model::RoleId(i), names, in.degrade)});
  }
  files.push_back({"index.html", index_page(g, names, in.degrade)});
  return files;
}

void write_role_pages(const fs::path& dir, std::span<const PageFile> files,
                      const model::Scenario& inputs, std::string_view option,
                      std::ostream& progress) {
  const std::string opt(option);
  std::error_code ec;
  const fs::path list = dir / kRolePageManifest;
  std::set<std::string> earlier;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      throw InvalidArgument(opt + ": '" + printable_path(dir) +
                            "' is a file; --interactive writes a folder of pages");
    }
    if (fs::is_regular_file(list, ec) && !is_link(list)) {
      earlier = read_manifest(list);
    } else {
      fs::directory_iterator first(dir, ec);
      if (first != fs::directory_iterator()) {
        throw InvalidArgument(opt + ": the folder '" + printable_path(dir) + "' holds '" +
                              printable_path(first->path().filename()) +
                              "', which orgsim did not write; choose a new or empty folder "
                              "(orgsim rewrites only a folder it wrote itself)");
      }
    }
  }
  // Every check before the first write: a refused run leaves the folder as it was.
  std::set<std::string> now;
  for (const auto& f : files) {
    const fs::path p = dir / f.name;
    const fs::path folder = dir / kRolePageAssets;
    const bool in_assets = f.name.find('/') != std::string::npos;
    if (is_link(p) || (in_assets && is_link(folder))) {
      throw InvalidArgument(opt + ": '" + printable_path(is_link(p) ? p : folder) +
                            "' is a symbolic link; orgsim does not write through links here "
                            "(remove it, or choose another folder)");
    }
    refuse_overwriting_inputs(p, inputs, option);
    now.insert(f.name);
  }
  fs::create_directories(dir / kRolePageAssets, ec);
  if (ec) {
    throw OutputError(opt + ": cannot make the folder '" + printable_path(dir / kRolePageAssets) +
                      "': " + ec.message());
  }
  // The list first, holding the earlier files and the new ones: a run killed half-way
  // leaves a folder orgsim still knows as its own, and the next run cleans it up.
  std::set<std::string> both = earlier;
  both.insert(now.begin(), now.end());
  write_file_atomically(list, manifest(both));
  const bool report = files.size() > kProgressAbove;
  for (std::size_t i = 0; i < files.size(); ++i) {
    write_file_atomically(dir / files[i].name, files[i].content);
    if (report && ((i + 1) % kProgressEvery == 0 || i + 1 == files.size())) {
      progress << "role pages: " << (i + 1) << "/" << files.size() << " files written\n";
    }
  }
  for (const auto& name : earlier) {
    if (now.contains(name) || name == kRolePageManifest || !own_name(name)) continue;
    const fs::path p = dir / name;
    if (fs::is_regular_file(fs::symlink_status(p, ec))) fs::remove(p, ec);
  }
  write_file_atomically(list, manifest(now));
}

}  // namespace orgsim::app
