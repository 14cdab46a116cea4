// All CLI11 wiring lives here: one option struct per subcommand, filled by CLI11,
// then handed to the subcommand's runner in cmd_<name>.cpp.
#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <map>
#include <new>

#include "app/batch.hpp"
#include "app/generate.hpp"
#include "app/graph_convert.hpp"
#include "app/templates.hpp"
#include "cli/commands.hpp"
#include "common/errors.hpp"
#include "orgsim_version.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

namespace {

// --samples, as sim::validate(MonteCarloParams) allows.
CLI::Range samples_range() { return CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}); }

void add_input_options(CLI::App& cmd, InputOptions& input) {
  cmd.add_flag("--strict", input.strict, "Treat warnings as errors (exit 2)");
  cmd.add_option("--max-input-mb", input.max_input_mb,
                 "Refuse input files larger than this many megabytes (CSV tables: 16 times)")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
}

void setup_validate(CLI::App& app, ValidateOptions& o) {
  auto* cmd =
      app.add_subcommand("validate", "Check a model or scenario file and report every problem");
  cmd->add_option("FILE", o.file, "Model or scenario YAML file")->required();
  add_input_options(*cmd, o.input);
  cmd->footer("\nExample:\n  orgsim validate scenarios/contact-center/model.yaml\n");
}

void setup_run(CLI::App& app, RunOptions& o) {
  auto* cmd = app.add_subcommand("run", "Simulate a scenario and summarize its effect on CX");
  cmd->add_option("SCENARIO", o.scenario, "Scenario YAML file (or a model: no failures)")
      ->required();
  cmd->add_option("--steps", o.steps, "Override the scenario's number of steps")
      ->check(CLI::Range(1, 1000000));
  cmd->add_flag("--static", o.static_mode,
                "Report the static IIM fixed point for the failures active at step 0");
  cmd->add_option("--json", o.json, "Also write every number as JSON to this file ('-': stdout)");
  cmd->add_option("--paths", o.paths,
                  "How many impact paths to list (and feedback loops to look for; 0: none)")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  cmd->add_option("--top", o.top, "How many of the most degraded roles to list")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--render", o.render,
                  "Draw the impact picture to this file: .svg, .png, .pdf or .dot (repeatable)");
  cmd->add_flag("--full", o.full, "Pictures: draw every role even in big models (>150 roles)");
  // Monte Carlo: --seed and --threshold are checked by sim::monte_carlo, which names them.
  auto* samples = cmd->add_option(
      "--samples", o.samples, "Monte Carlo: run this many samples of the scenario's distributions");
  // Checked as a signed number before conversion: "-1" would otherwise wrap to 2^64 - 1.
  samples->check(samples_range());
  cmd->add_option("--seed", o.seed, "Monte Carlo: random seed (same seed, same numbers)")
      ->capture_default_str()
      ->needs(samples);
  cmd->add_option("--jobs", o.jobs, "Monte Carlo: threads (0: one per hardware thread)")
      ->capture_default_str()
      ->needs(samples);
  cmd->add_option("--threshold", o.threshold,
                  "Monte Carlo: report the share of samples whose CX minimum is below this")
      ->needs(samples);
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nExamples:\n"
      "  orgsim run scenarios/contact-center/slow-payments.yaml\n"
      "  orgsim run scenarios/contact-center/uncertain-payments.yaml --samples 1000 --seed 42 "
      "--threshold 80\n"
      "  orgsim run scenarios/contact-center/slow-payments.yaml --render impact.svg\n"
      "  orgsim run scenarios/contact-center/slow-payments.yaml --json out.json\n"
      "  orgsim run scenarios/contact-center/slow-payments.yaml --static\n");
}

void setup_diagram(CLI::App& app, DiagramOptions& o) {
  auto* cmd = app.add_subcommand(
      "diagram", "Draw how a role (or department, or the whole org) reaches the customer");
  cmd->add_option("MODEL", o.model, "Model YAML file (or a scenario: its model after its changes)")
      ->required();
  cmd->add_option("-o,--output", o.output,
                  "Picture file (.svg .png .pdf .dot), or a folder with --all")
      ->required();
  auto* focus = cmd->add_option("--focus", o.focus, "The role to draw (its id)");
  auto* dept =
      cmd->add_option("--focus-department", o.focus_department, "The department to draw (its id)");
  cmd->add_option("--degrade", o.degrade,
                  "Size of the failure the CX points on each path are computed for")
      ->check(CLI::Range(0.01, 1.0))
      ->capture_default_str();
  cmd->add_option("--paths", o.paths, "At most this many paths to the customer per diagram")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  auto* all =
      cmd->add_flag("--all", o.all, "One diagram per role into the folder -o, plus index.html");
  cmd->add_option("--format", o.format, "Picture format with --all")
      ->check(CLI::IsMember({"svg", "png", "pdf"}))
      ->capture_default_str();
  auto* roles = cmd->add_flag("--roles", o.roles,
                              "Whole org: every role and dependency instead of the department map");
  cmd->add_option("--booklet", o.booklet,
                  "With --all: also one PDF to print (cover, contents, a page per role)")
      ->needs(all);
  auto* interactive = cmd->add_flag(
      "--interactive", o.interactive,
      "With --all: web pages instead of pictures (index.html, a page per role whose figures "
      "follow a degrade slider, offline)");
  interactive->needs(all);
  cmd->add_option("--engine", o.engine,
                  "With --interactive: the WebAssembly engine (default: as `orgsim export`)")
      ->needs(interactive);
  focus->excludes(dept);
  all->excludes(focus);
  all->excludes(dept);
  roles->excludes(focus);
  roles->excludes(dept);
  roles->excludes(all);
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nExamples:\n"
      "  orgsim diagram scenarios/contact-center/model.yaml --focus payroll -o payroll.svg\n"
      "  orgsim diagram scenarios/contact-center/model.yaml --focus-department finance -o "
      "finance.png\n"
      "  orgsim diagram scenarios/contact-center/model.yaml -o org.svg\n"
      "  orgsim diagram scenarios/contact-center/model.yaml --roles -o roles.svg\n"
      "  orgsim diagram scenarios/contact-center/model.yaml --all -o onboarding/ "
      "--booklet onboarding.pdf\n"
      "  orgsim diagram scenarios/contact-center/model.yaml --all --interactive -o "
      "onboarding-web/\n");
}

void setup_rank(CLI::App& app, RankOptions& o) {
  auto* cmd =
      app.add_subcommand("rank", "Rank every role by the CX points its failure alone would cost");
  cmd->add_option("MODEL", o.model, "Model YAML file (or a scenario: its model after its changes)")
      ->required();
  cmd->add_option("--degrade", o.degrade, "Size of each single-role failure")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_flag("--exact", o.exact,
                "Also solve each failure in the clamped model q = min(1, A q + c) (one solve "
                "per role)");
  cmd->add_option("--jobs", o.jobs, "Threads for --exact (0: one per hardware thread)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cmd->add_option("--top", o.top, "How many roles the table lists (files list every role)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  auto* json =
      cmd->add_option("--json", o.json, "Also write every role as JSON to this file ('-': stdout)");
  auto* csv =
      cmd->add_option("--csv", o.csv, "Also write every role as CSV to this file ('-': stdout)");
  json->excludes(csv);
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nExamples:\n"
      "  orgsim rank scenarios/contact-center/model.yaml\n"
      "  orgsim rank scenarios/contact-center/model.yaml --degrade 1 --exact\n"
      "  orgsim rank scenarios/contact-center/model.yaml --csv ranking.csv\n");
}

void setup_batch(CLI::App& app, BatchOptions& o) {
  auto* cmd = app.add_subcommand(
      "batch", "Run many scenarios and write one result row per scenario (CSV or JSON lines)");
  cmd->add_option("PATH", o.paths,
                  "Scenario files, or folders searched recursively for scenario .yaml files")
      ->required();
  cmd->add_option("-o,--output", o.output,
                  "Results file (rows go to <output>.partial until the run ends)")
      ->required();
  const std::map<std::string, BatchFormat> formats{{"csv", BatchFormat::kCsv},
                                                   {"jsonl", BatchFormat::kJsonl}};
  cmd->add_option("--format", o.format, "Results format: csv or jsonl")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case).description("{csv,jsonl}"))
      ->default_str("csv");
  cmd->add_option("--jobs", o.jobs, "Worker threads (0: one per hardware thread)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cmd->add_flag("--resume", o.resume,
                "Keep the rows already in the output and its .partial file; run only the "
                "missing scenarios and those whose inputs changed since their row was written "
                "(error rows are kept)");
  cmd->add_flag("--force", o.force,
                "Replace an output that is not a results file or holds rows of scenarios "
                "outside this run (refused without it)");
  cmd->add_option("--shard", o.shard,
                  "Run only the i-th of n shares of the sorted scenarios (i/n, 1 <= i <= n)");
  cmd->add_flag("-q,--quiet", o.quiet, "No progress on stderr");
  auto* samples = cmd->add_option("--samples", o.sampling.samples,
                                  "Monte Carlo: also run this many samples of each scenario's "
                                  "distributions (percentile columns)");
  samples->check(samples_range());
  cmd->add_option("--seed", o.sampling.seed, "Monte Carlo: random seed (the same for every row)")
      ->capture_default_str()
      ->needs(samples);
  cmd->add_option("--threshold", o.sampling.threshold,
                  "Monte Carlo: share of samples whose CX minimum is below this")
      ->needs(samples);
  cmd->footer(
      "\nExamples:\n"
      "  orgsim batch scenarios/ -o results.csv\n"
      "  orgsim batch scenarios/ -o results.csv --samples 200 --seed 1 --threshold 80\n"
      "  orgsim batch scenarios/ -o results.jsonl --format jsonl --jobs 8\n"
      "  orgsim batch scenarios/ -o results.csv --resume\n"
      "  orgsim batch scenarios/ -o results-${SLURM_ARRAY_TASK_ID}.csv "
      "--shard ${SLURM_ARRAY_TASK_ID}/16\n");
}

void setup_new(CLI::App& app, NewOptions& o) {
  auto* cmd = app.add_subcommand(
      "new", "Start a model of your own from a template: a commented model and three scenarios");
  cmd->add_option("--template", o.template_name,
                  "contact-center, online-shop, bank-branches, hospital-ward or saas");
  cmd->add_option("-o,--output", o.output, "Folder to write the model and scenarios into");
  cmd->add_flag("--force", o.force, "Overwrite files of the same names");
  cmd->add_flag("--list", o.list, "List the templates and write nothing");
  cmd->footer(
      "\nExamples:\n"
      "  orgsim new --list\n"
      "  orgsim new --template online-shop -o my-shop/\n");
}

void setup_export(CLI::App& app, ExportOptions& o) {
  auto* cmd = app.add_subcommand(
      "export",
      "Write a model as GraphML (yEd, Gephi) or Graphviz DOT, or the workshop page as one "
      "offline HTML file");
  cmd->add_option("MODEL", o.model, "Model YAML file (or a scenario: its model)")->required();
  cmd->add_option("-o,--output", o.output,
                  "The graph file: .graphml, .dot or .gv; or .html: the workshop page of "
                  "`orgsim serve` in one file that runs offline (from a scenario: its what-if)")
      ->required();
  cmd->add_option("--engine", o.engine,
                  ".html: the WebAssembly engine (default: $ORGSIM_ENGINE, the installed one, or "
                  "build-em/orgsim_engine.js of `make export-assets`)");
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nExamples:\n"
      "  orgsim export scenarios/contact-center/model.yaml -o org.graphml\n"
      "  orgsim export scenarios/contact-center/model.yaml -o org.dot\n"
      "  orgsim export scenarios/contact-center/slow-payments.yaml -o workshop.html\n");
}

// `orgsim import hr CSV -o MODEL`: a subcommand of import (cmd_import_hr.cpp).
void setup_import_hr(CLI::App& import, ImportHrOptions& o) {
  auto* cmd = import.add_subcommand(
      "hr", "Build a model from an HR export: roles by department and job title, reporting lines");
  cmd->add_option("CSV", o.csv, "The HR export (CSV: one row per employee)")->required();
  cmd->add_option("-o,--output", o.output, "The model YAML file to write")->required();
  cmd->add_option("--columns", o.columns,
                  "The export's header names, as KEY=NAME,...: keys id, manager, department, "
                  "title, customer_facing (defaults employee_id, manager_id, department, "
                  "job_title, customer_facing)");
  cmd->add_option("--name", o.name, "The model's name (default: the file's stem)");
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nEvery assumption is written at the top of the model (docs/import-hr.md).\n"
      "\nExamples:\n"
      "  orgsim import hr employees.csv -o model.yaml\n"
      "  orgsim import hr export.csv --columns id=EmpID,manager=Mgr,title=Position -o "
      "model.yaml\n");
}

void setup_import(CLI::App& app, ImportOptions& o, ImportHrOptions& hr) {
  auto* cmd = app.add_subcommand(
      "import", "Read a model from GraphML or DOT (as orgsim export writes them) into model YAML");
  // Required unless the subcommand `hr` is given (checked in the callback below).
  auto* graph = cmd->add_option("GRAPH", o.graph, "The graph file: .graphml, .dot or .gv");
  auto* output = cmd->add_option("-o,--output", o.output, "The model YAML file to write");
  add_input_options(*cmd, o.input);
  setup_import_hr(*cmd, hr);
  cmd->callback([cmd, graph, output] {
    if (!cmd->get_subcommands().empty()) return;
    for (const CLI::Option* required : {graph, output}) {
      if (required->count() == 0) throw CLI::RequiredError(required->get_name());
    }
  });
  cmd->footer(
      "\nNodes are roles (attributes role, label, department, department_name, recovery,\n"
      "touchpoint, description), edges go from the role that depends to the one it\n"
      "depends on (attribute weight). docs/model.md, \"GraphML and DOT\".\n"
      "\nExamples:\n"
      "  orgsim import org.graphml -o model.yaml\n"
      "  orgsim import hr employees.csv -o model.yaml\n");
}

void setup_elicit(CLI::App& app, ElicitOptions& o) {
  auto* cmd = app.add_subcommand(
      "elicit", "Ask the people who know: a survey of the model's numbers, answers merged back");
  cmd->add_option("MODEL", o.model, "Model YAML file (or a scenario: its model)")->required();
  cmd->add_option("-o,--output", o.output,
                  "The survey CSV to write; with --merge, the model YAML to write")
      ->required();
  cmd->add_option("--merge", o.merge,
                  "Answered copies of the survey, one per person (after MODEL): their median "
                  "answers become the model's numbers");
  cmd->add_option("--report", o.report,
                  "With --merge: the Markdown report to write (default: beside -o, "
                  "NAME-report.md)");
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nQuestions and the answer scale: docs/elicitation.md.\n"
      "\nExamples:\n"
      "  orgsim elicit model.yaml -o survey.csv\n"
      "  orgsim elicit model.yaml --merge answers/*.csv -o agreed.yaml\n");
}

void setup_generate(CLI::App& app, GenerateOptions& o) {
  auto* cmd = app.add_subcommand(
      "generate", "Write a synthetic organization (model.yaml) and single-failure scenarios");
  // Ranges are checked by run_generate, which names the option, its range and the value.
  cmd->add_option("--roles", o.roles, "Number of roles, in [2, 1000000]")->capture_default_str();
  cmd->add_option("--departments", o.departments, "Number of departments, in [1, roles]")
      ->capture_default_str();
  cmd->add_option("--seed", o.seed, "Random seed: the same options write the same bytes")
      ->capture_default_str();
  cmd->add_option("--scenarios", o.scenarios,
                  "Number of scenario files (one random failure each), in [0, 1000000]")
      ->capture_default_str();
  cmd->add_option("-o,--output", o.output, "Folder to write into (created if missing)")->required();
  cmd->add_flag("--force", o.force, "Overwrite an existing model.yaml in the folder");
  cmd->add_option("--dependencies-per-role", o.dependencies_per_role,
                  "Mean number of roles each role depends on, in [0, 100]")
      ->capture_default_str();
  // IsMember rather than a CheckedTransformer: its message is "xml not in {yaml,csv}".
  cmd->add_option_function<std::string>(
         "--format",
         [&o](const std::string& v) {
           o.format = v == "csv" ? GenerateFormat::kCsv : GenerateFormat::kYaml;
         },
         "yaml: one model.yaml; csv: model.yaml naming departments.csv, roles.csv and "
         "dependencies.csv (for large models)")
      ->check(CLI::IsMember({"yaml", "csv"}))
      ->default_str("yaml");
  cmd->footer(
      "\nWrites OUTPUT/model.yaml and OUTPUT/scenarios/s0001.yaml ...\n"
      "\nExamples:\n"
      "  orgsim generate --roles 500 --departments 15 --seed 7 -o big-org\n"
      "  orgsim run big-org/scenarios/s0001.yaml\n"
      "  orgsim generate --roles 100000 --departments 40 --scenarios 1000 -o huge --force\n"
      "  orgsim generate --roles 1000000 --departments 100 --dependencies-per-role 5 "
      "--format csv -o million\n");
}

void setup_compare(CLI::App& app, CompareOptions& o) {
  auto* cmd = app.add_subcommand(
      "compare", "Two or more scenarios side by side: CX, the roles and impact paths that changed");
  cmd->add_option("BASE", o.base, "The scenario to compare against")->required();
  // One or more: every scenario after the base is compared with the base.
  cmd->add_option("WHATIF", o.what_ifs,
                  "The what-if scenarios, each compared with BASE (same model, or with changes)")
      ->required();
  cmd->add_option("--json", o.json,
                  "Also write every run and its differences from BASE as JSON to this file "
                  "('-': stdout)");
  cmd->add_option("--top", o.top, "How many changed roles to list")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--paths", o.paths, "Impact paths searched per scenario (0: none)")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nPrints one block per what-if: its CX figures, roles and impact paths against BASE.\n"
      "\nExamples:\n"
      "  orgsim compare scenarios/contact-center/slow-payments.yaml "
      "scenarios/contact-center/slow-payments-with-backup.yaml\n"
      "  orgsim compare scenarios/contact-center/slow-payments.yaml "
      "scenarios/contact-center/slow-payments-with-backup.yaml "
      "scenarios/contact-center/website-slowness.yaml --json compare.json\n");
}

void setup_report(CLI::App& app, ReportOptions& o) {
  auto* cmd = app.add_subcommand(
      "report",
      "Write one self-contained HTML report of a scenario, or a handout comparing several "
      "(prints well to PDF)");
  cmd->add_option("SCENARIO", o.scenarios,
                  "Scenario YAML files (or models: no failures); with two or more, the first "
                  "one's report with every scenario's CX curve and a table side by side")
      ->required();
  cmd->add_option("-o,--output", o.output, "The HTML file to write")->required();
  cmd->add_flag("--rank", o.rank, "Add the criticality ranking of every role of the model");
  cmd->add_option("--top", o.top, "How many roles the tables list")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--paths", o.paths, "How many impact paths to list and draw (0: none)")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nExample:\n"
      "  orgsim report scenarios/contact-center/slow-payments.yaml --rank -o report.html\n"
      "  orgsim report scenarios/contact-center/slow-payments.yaml \\\n"
      "      scenarios/contact-center/slow-payments-with-backup.yaml -o handout.html\n");
}

void setup_serve(CLI::App& app, ServeOptions& o) {
  auto* cmd = app.add_subcommand(
      "serve", "Serve a what-if page for a workshop: sliders, CX gauge, diagram (and a JSON API)");
  cmd->add_option("MODEL", o.model, "Model YAML file (or a scenario: its model and what-if)")
      ->required();
  auto* scenario = cmd->add_option("--scenario", o.scenario, "Scenario for MODEL to start from");
  cmd->add_flag("--edit", o.edit,
                "Edit MODEL on the page instead (roles, departments, dependencies, "
                "touchpoints); Save writes MODEL, which need not exist yet")
      ->excludes(scenario);
  cmd->add_option("--host", o.host,
                  "Address to listen on (anything but 127.0.0.1 is reachable from other "
                  "machines)")
      ->capture_default_str();
  cmd->add_option("--port", o.port, "Port to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_flag("--open", o.open, "Open the page in the desktop's browser (xdg-open)");
  cmd->add_flag("--no-token", o.no_token,
                "Let the API be used without the secret token of the printed URL (any "
                "program on this machine can then drive it)");
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nThe page and the API (docs/api.md) are served until Ctrl-C.\n"
      "\nExamples:\n"
      "  orgsim serve scenarios/contact-center/model.yaml --open\n"
      "  orgsim serve scenarios/contact-center/model.yaml "
      "--scenario scenarios/contact-center/slow-payments.yaml --port 8090\n"
      "  orgsim serve my-org.yaml --edit\n");
}

}  // namespace

namespace {

// Parses the arguments and runs the subcommand; run_cli checks standard output after.
int run_command(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "orgsim: how a failure in one role travels through an organization to its "
      "customers (Inoperability Input-Output Model)",
      "orgsim"};
  app.set_version_flag("--version", std::string("orgsim ") + kVersion);
  app.require_subcommand(1);
  app.footer(
      "\nRun 'orgsim <command> --help' for a command's options. Exit codes: 0 ok, "
      "2 bad input or option, 1 internal error.");
  ValidateOptions validate;
  RunOptions run;
  DiagramOptions diagram;
  RankOptions rank;
  BatchOptions batch;
  GenerateOptions generate;
  NewOptions new_model;
  ExportOptions export_options;
  ImportOptions import_options;
  ImportHrOptions import_hr;
  ElicitOptions elicit;
  ServeOptions serve;
  setup_validate(app, validate);
  setup_run(app, run);
  setup_diagram(app, diagram);
  setup_rank(app, rank);
  setup_batch(app, batch);
  setup_generate(app, generate);
  setup_new(app, new_model);
  setup_export(app, export_options);
  setup_import(app, import_options, import_hr);
  setup_elicit(app, elicit);
  setup_serve(app, serve);
  CompareOptions compare;
  ReportOptions report;
  setup_compare(app, compare);
  setup_report(app, report);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "orgsim: error: " << e.what() << "\nRun 'orgsim --help' for usage.\n";
    return kExitInput;
  }

  try {
    if (app.got_subcommand("validate")) return run_validate(validate, out, err);
    if (app.got_subcommand("run")) return run_run(run, out, err);
    if (app.got_subcommand("diagram")) return run_diagram(diagram, out, err);
    if (app.got_subcommand("rank")) return run_rank(rank, out, err);
    if (app.got_subcommand("batch")) return run_batch(batch, out, err);
    if (app.got_subcommand("generate")) return run_generate(generate, out, err);
    if (app.got_subcommand("export")) {
      return export_options.output.extension() == ".html"
                 ? run_export_page(export_options, out, err)
                 : run_export(export_options, out, err);
    }
    const bool named = argc > 0 && argv[0] && *argv[0];  // the program as the user ran it
    if (app.got_subcommand("import")) {
      if (app.get_subcommand("import")->got_subcommand("hr")) {
        if (named) import_hr.program = argv[0];
        return run_import_hr(import_hr, out, err);
      }
      return run_import(import_options, out, err);
    }
    if (app.got_subcommand("elicit")) {
      if (named) elicit.program = argv[0];
      return run_elicit(elicit, out, err);
    }
    if (app.got_subcommand("new")) {
      if (argc > 0 && argv[0] && *argv[0]) new_model.program = argv[0];
      return run_new(new_model, out, err);
    }
    if (app.got_subcommand("serve")) return run_serve(serve, out, err);
    if (app.got_subcommand("compare")) return run_compare(compare, out, err);
    if (app.got_subcommand("report")) return run_report(report, out, err);
  } catch (const LoadError& e) {
    err << e.what();
    return kExitInput;
  } catch (const ValidationError& e) {
    err << e.what();
    const auto n = e.diagnostics().error_count();
    if (n > 0) err << n << " error" << (n == 1 ? "" : "s") << "\n";
    return kExitInput;
  } catch (const InvalidArgument& e) {
    err << "orgsim: error: " << e.what() << "\n";
    return kExitInput;
  } catch (const OutputError& e) {
    err << e.what() << "\n";
    return kExitInternal;
  } catch (const Error& e) {
    err << "orgsim: error: " << e.what() << "\n";
    return kExitInternal;
  } catch (const std::bad_alloc&) {
    err << "orgsim: error: out of memory\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    err << "orgsim: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  return kExitInternal;
}

// Standard output fails like any file (a full disk, /dev/full): flushed and checked
// after every command, so that a lost table or JSON is exit 1, never 0.
int check_standard_output(int code, std::ostream& out, std::ostream& err) {
  errno = 0;
  if (out.good()) {
    out.flush();
  } else if (out.rdbuf() != nullptr) {
    out.rdbuf()->pubsync();  // what is still buffered, for the reason in errno
  }
  if (out.good()) return code;
  const int reason = errno;
  err << "orgsim: error: cannot write to standard output"
      << (reason != 0 ? std::string(": ") + std::strerror(reason) : std::string()) << "\n";
  return code == kExitOk ? kExitInternal : code;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  return check_standard_output(run_command(argc, argv, out, err), out, err);
}

}  // namespace orgsim::cli
