#include "app/generate.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "app/exit_codes.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "model/csv_model.hpp"
#include "model/csv_writer.hpp"
#include "model/loader.hpp"
#include "model/rng.hpp"
#include "model/synthetic.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

namespace {

constexpr int kScenarioSteps = 40;

using Rng = model::SplitMix64;

void check_range(std::string_view option, std::int64_t value, std::int64_t low, std::int64_t high,
                 std::string_view high_note = "") {
  if (value >= low && value <= high) return;
  throw InvalidArgument(std::string(option) + " must be in [" + std::to_string(low) + ", " +
                        std::to_string(high) + "]" + std::string(high_note) + ", got " +
                        std::to_string(value));
}

void check(const GenerateOptions& o) {
  check_range("--roles", o.roles, 2, kMaxGeneratedRoles);
  check_range("--departments", o.departments, 1, o.roles, " (at most --roles)");
  check_range("--scenarios", o.scenarios, 0, kMaxGeneratedScenarios);
  if (!(o.dependencies_per_role >= 0.0 && o.dependencies_per_role <= 100.0)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", o.dependencies_per_role);
    throw InvalidArgument(std::string("--dependencies-per-role must be in [0, 100], got ") + buf);
  }
  if (o.output.empty()) throw InvalidArgument("--output must name a folder, got ''");
}

// The command line that reproduces the model, for the files' header comments.
std::string provenance(const GenerateOptions& o) {
  std::string s = "orgsim generate --roles " + std::to_string(o.roles) + " --departments " +
                  std::to_string(o.departments) + " --seed " + std::to_string(o.seed);
  if (o.dependencies_per_role != GenerateOptions{}.dependencies_per_role) {
    s += " --dependencies-per-role " + model::yaml_number(o.dependencies_per_role);
  }
  if (o.format == GenerateFormat::kCsv) s += " --format csv";
  return s;
}

// "0.62" for hundredths, which is what the generator draws.
std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Refuses an output path that is a file, or an existing model without --force, before
// any work; then creates the folder.
void prepare_folder(const GenerateOptions& o) {
  std::error_code ec;
  const fs::path model = o.output / "model.yaml";
  if (fs::exists(o.output, ec) && !fs::is_directory(o.output, ec)) {
    throw InvalidArgument("--output '" + o.output.string() + "' exists and is not a folder");
  }
  if (fs::exists(model, ec) && !o.force) {
    throw InvalidArgument("'" + model.string() + "' already exists; use --force to overwrite it");
  }
  fs::create_directories(o.output, ec);
  if (ec) {
    throw OutputError(o.output.string() +
                      ": error: cannot create the output folder: " + ec.message());
  }
  if (o.scenarios > 0) {
    fs::create_directories(o.output / "scenarios", ec);
    if (ec) {
      throw OutputError((o.output / "scenarios").string() +
                        ": error: cannot create the scenario folder: " + ec.message());
    }
  }
}

// Makes every role reach the customer, as the domain says every role does: a role that
// no role nearer the front line depends on gets a light dependency from a role in the
// layer just ahead of it. By induction from the touchpoints (the first roles), every
// role then has a path to one. Row sums stay below max_row_sum + 0.15 < 1, so the
// spectral radius stays below 1. Time complexity: O(roles + dependencies).
void connect_to_front_line(model::OrgGraph& g, std::size_t departments, Rng& rng) {
  const std::size_t n = g.role_count();
  std::vector<bool> reached(n, false);
  for (const model::Dependency& d : g.dependencies()) {
    if (d.role < d.depends_on) reached[d.depends_on.value] = true;
  }
  const std::size_t window = std::max<std::size_t>(1, n / departments);
  for (std::size_t j = 1; j < n; ++j) {
    const auto id = model::RoleId(static_cast<std::uint32_t>(j));
    if (reached[j] || g.role(id).touchpoint > 0.0) continue;
    const std::size_t lo = j > window ? j - window : 0;
    const auto from = model::RoleId(static_cast<std::uint32_t>(lo + rng.below(j - lo)));
    const double weight = static_cast<double>(5 + rng.below(11)) / 100.0;  // 0.05 ... 0.15
    g.add_dependency({from, id, weight, {}});
  }
}

model::OrgGraph generate_model(const GenerateOptions& o, Rng& rng) {
  model::SyntheticSpec spec;
  spec.roles = static_cast<std::size_t>(o.roles);
  spec.departments = static_cast<std::size_t>(o.departments);
  spec.dependencies_per_role = o.dependencies_per_role;
  spec.seed = o.seed;
  model::OrgGraph g = model::make_synthetic(spec);
  connect_to_front_line(g, spec.departments, rng);
  g.name = "Generated contact center (" + std::to_string(o.roles) + " roles, seed " +
           std::to_string(o.seed) + ")";
  g.description =
      "A synthetic organization: customer-facing roles (touchpoints) at the front line, "
      "operations behind them, and shared services that many roles depend on at the end; a "
      "few small feedback loops. Every role has a path to the customer. The numbers are "
      "random, not measured.";
  return g;
}

// Warns when other commands would refuse `path` at their default --max-input-mb; a
// table may be `factor` times the limit (model::kTableSizeFactor).
void warn_if_large(const fs::path& path, std::size_t size, std::uintmax_t limit,
                   std::uintmax_t factor, std::ostream& err) {
  if (size <= limit * factor) return;
  const std::uintmax_t mb = size / (1 << 20);
  err << "orgsim: warning: " << path.string() << " is " << mb
      << " MB, more than other commands read by default; give them --max-input-mb "
      << mb / factor + 1 << "\n";
}

// The model as three CSV tables plus the model.yaml naming them, written last so it
// never names a table that is not there yet.
void write_csv_model(const model::OrgGraph& g, const std::string& header, const fs::path& folder,
                     std::ostream& err) {
  const struct {
    const char* name;
    std::string (*text)(const model::OrgGraph&);
  } tables[] = {{"departments.csv", &model::departments_csv},
                {"roles.csv", &model::roles_csv},
                {"dependencies.csv", &model::dependencies_csv}};
  for (const auto& t : tables) {
    const std::string text = t.text(g);
    write_file_atomically(folder / t.name, text);
    warn_if_large(folder / t.name, text.size(), model::kDefaultMaxInputBytes,
                  model::kTableSizeFactor, err);
  }
  write_file_atomically(
      folder / "model.yaml",
      header + model::tables_yaml(g, "departments.csv", "roles.csv", "dependencies.csv"));
}

// "s0001.yaml": wide enough that the files sort in order.
std::string scenario_file_name(std::int64_t index, std::int64_t count) {
  const int width = std::max<int>(4, static_cast<int>(std::to_string(count).size()));
  std::string digits = std::to_string(index);
  return "s" + std::string(static_cast<std::size_t>(width) - digits.size(), '0') + digits + ".yaml";
}

// Scenarios an earlier `generate` wrote into `folder` and this run did not rewrite: named
// as scenario_file_name names them and starting with its header. Left there, they would
// run against the new model and report ok; a file written by hand stays.
std::size_t remove_earlier_scenarios(const fs::path& folder, std::int64_t written) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 10 || !name.starts_with('s') || !name.ends_with(".yaml") ||
        !entry.is_regular_file(ec)) {
      continue;
    }
    const std::string digits = name.substr(1, name.size() - 6);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    const long long index = std::stoll(digits.substr(0, 18));
    if (index >= 1 && index <= written && name == scenario_file_name(index, written)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string first;
    std::getline(in, first);
    if (first.starts_with("# Generated by orgsim generate ")) stale.push_back(entry.path());
  }
  std::size_t removed = 0;
  for (const fs::path& path : stale) removed += fs::remove(path, ec) ? 1 : 0;
  return removed;
}

}  // namespace

int run_generate(const GenerateOptions& o, std::ostream& out, std::ostream& err) {
  check(o);
  prepare_folder(o);

  // A stream of its own, apart from make_synthetic's, for the extra dependencies and
  // then the scenarios.
  Rng rng(o.seed ^ 0x5ce9a410f00d5eedull);
  model::Scenario s;
  s.model = generate_model(o, rng);
  const model::OrgGraph& g = s.model;
  const std::string header =
      "# Generated by " + provenance(o) + ".\n# The same command writes the same file.\n\n";
  const fs::path model_path = o.output / "model.yaml";
  if (o.format == GenerateFormat::kCsv) {
    write_csv_model(g, header, o.output, err);
  } else {
    const std::string model_text = header + model::to_yaml(g);
    write_file_atomically(model_path, model_text);
    warn_if_large(model_path, model_text.size(), model::kDefaultMaxInputBytes, 1, err);
  }

  s.steps = kScenarioSteps;
  for (std::int64_t k = 1; k <= o.scenarios; ++k) {
    model::Failure f;
    f.role = model::RoleId(static_cast<std::uint32_t>(rng.below(g.role_count())));
    f.degrade = static_cast<double>(20 + rng.below(81)) / 100.0;  // 0.20 ... 1.00
    f.from = 0;
    f.to = 3 + static_cast<int>(rng.below(18));  // 3 ... 20
    const model::Role& role = g.role(f.role);
    s.name =
        role.name + " at " + two_decimals(f.degrade) + " for " + std::to_string(*f.to) + " steps";
    s.description = "Role '" + role.id + "' (" + role.name + ", " +
                    g.department(role.department).name + ") is degraded by " +
                    two_decimals(f.degrade) + " from step 0 to step " + std::to_string(*f.to) + ".";
    s.failures = {f};
    const std::string text = "# Generated by " + provenance(o) + ": scenario " + std::to_string(k) +
                             " of " + std::to_string(o.scenarios) + ", one random failure.\n\n" +
                             model::to_yaml(s, "../model.yaml");
    write_file_atomically(o.output / "scenarios" / scenario_file_name(k, o.scenarios), text);
  }

  const std::size_t removed =
      o.force ? remove_earlier_scenarios(o.output / "scenarios", o.scenarios) : 0;

  out << "wrote " << model_path.string();
  if (o.format == GenerateFormat::kCsv) out << " with departments.csv, roles.csv, dependencies.csv";
  out << " (" << g.role_count() << " roles, " << g.departments().size() << " departments, "
      << g.dependencies().size() << " dependencies)";
  if (o.scenarios > 0) {
    out << " and " << o.scenarios << " scenario" << (o.scenarios == 1 ? "" : "s") << " in "
        << (o.output / "scenarios").string() << "/";
  }
  if (removed > 0) {
    out << "; removed " << removed << " scenario" << (removed == 1 ? "" : "s")
        << " an earlier generate wrote there";
  }
  out << "\n";
  return kExitOk;
}

}  // namespace orgsim::app
