// All CLI11 wiring lives here: one option struct per subcommand, filled by CLI11,
// then handed to the subcommand's runner in cmd_<name>.cpp.
#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <new>

#include "cli/commands.hpp"
#include "model/errors.hpp"
#include "orgsim_version.hpp"

namespace orgsim::cli {

namespace {

void add_input_options(CLI::App& cmd, InputOptions& input) {
  cmd.add_flag("--strict", input.strict, "Treat warnings as errors (exit 2)");
  cmd.add_option("--max-input-mb", input.max_input_mb,
                 "Refuse input files larger than this many megabytes")
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
  cmd->add_option("--top", o.top, "How many of the most degraded roles to list")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  add_input_options(*cmd, o.input);
  cmd->footer(
      "\nExamples:\n"
      "  orgsim run scenarios/contact-center/slow-payments.yaml\n"
      "  orgsim run scenarios/contact-center/slow-payments.yaml --json out.json\n"
      "  orgsim run scenarios/contact-center/slow-payments.yaml --static\n");
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
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
  setup_validate(app, validate);
  setup_run(app, run);

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

}  // namespace orgsim::cli
