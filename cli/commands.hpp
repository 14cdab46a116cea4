#pragma once
// The subcommands, as plain option structs and runner functions. The CLI11 wiring
// is all in app.cpp (CLI11 is slow to compile; one translation unit pays for it).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/exit_codes.hpp"
#include "app/graph_convert.hpp"
#include "app/load_input.hpp"

namespace orgsim::cli {

using app::InputOptions;
using app::kExitInput;
using app::kExitInternal;
using app::kExitOk;

struct ValidateOptions {
  std::filesystem::path file;  ///< a model or a scenario
  InputOptions input;
};

struct RunOptions {
  std::filesystem::path scenario;  ///< a scenario, or a bare model (no failures)
  std::optional<int> steps;
  bool static_mode = false;
  std::optional<std::filesystem::path> json;  ///< "-" writes to stdout
  std::size_t top = 10;
  std::size_t paths = 5;                      ///< impact paths to list; 0 skips paths and loops
  std::vector<std::filesystem::path> render;  ///< impact pictures (.svg .png .pdf .dot)
  bool full = false;                          ///< pictures: never collapse big models
  InputOptions input;
  /// Monte Carlo over the scenario's distributions (docs/model.md "Uncertainty").
  std::optional<std::size_t> samples;  ///< none: no sampling
  std::uint64_t seed = 0;
  unsigned jobs = 0;                ///< threads for the samples; 0: one per hardware thread
  std::optional<double> threshold;  ///< count the samples whose CX minimum is below this
};

struct DiagramOptions {
  std::filesystem::path model;       ///< a model (or a scenario: its model after its changes)
  std::filesystem::path output;      ///< a picture file, or a folder with --all
  std::optional<std::string> focus;  ///< a role id
  std::optional<std::string> focus_department;  ///< a department id
  double degrade = 0.5;                         ///< size of the hypothetical failure of the focus
  std::size_t paths = 8;                        ///< paths drawn per focus (the strongest)
  bool all = false;            ///< one diagram per role plus index.html into `output`
  std::string format = "svg";  ///< with --all: svg, png or pdf
  bool roles = false;          ///< whole org: every role instead of the department map
  std::optional<std::filesystem::path> booklet;  ///< with --all: also one printable PDF
  bool interactive = false;      ///< with --all: web pages on the engine in WebAssembly instead
  std::filesystem::path engine;  ///< with --interactive: the engine (--engine), or found
  InputOptions input;
};

/// Each runner prints results to `out`, warnings and progress to `err`, and returns
/// an exit code. Input problems are thrown as orgsim::Error (app.cpp maps them).
int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);
struct RankOptions {
  std::filesystem::path model;  ///< a model (or a scenario: its model after its changes)
  double degrade = 0.5;         ///< size of each single-role failure, in (0, 1]
  bool exact = false;           ///< also solve each failure in the clamped model
  unsigned jobs = 0;            ///< threads for --exact; 0: one per hardware thread
  std::size_t top = 20;         ///< rows in the table (files always list every role)
  std::optional<std::filesystem::path> json;  ///< "-" writes to stdout
  std::optional<std::filesystem::path> csv;   ///< "-" writes to stdout
  InputOptions input;
};

struct ServeOptions {
  std::filesystem::path model;                    ///< a model (or a scenario: its model)
  std::optional<std::filesystem::path> scenario;  ///< the starting what-if, for `model`
  std::string host = "127.0.0.1";                 ///< anything else prints a warning
  int port = 8080;                                ///< 0: any free port
  bool open = false;                              ///< open the page with xdg-open
  bool no_token = false;                          ///< the API needs no token (a warning says so)
  /// The model editor instead of the what-if page: `model` need not exist yet, and Save
  /// writes it (serve/edit_api.hpp).
  bool edit = false;
  InputOptions input;
};

/// Serves the what-if page and its JSON API (serve/) until Ctrl-C.
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

/// `orgsim export SCENARIO -o workshop.html`: the workshop page as one offline HTML file
/// (app/offline_page.hpp), with serve's own /api/model and /api/layout answers inside.
int run_export_page(const app::ExportOptions& options, std::ostream& out, std::ostream& err);

int run_run(const RunOptions& options, std::ostream& out, std::ostream& err);
int run_rank(const RankOptions& options, std::ostream& out, std::ostream& err);
int run_diagram(const DiagramOptions& options, std::ostream& out, std::ostream& err);

struct CompareOptions {
  std::filesystem::path base;  ///< the scenario compared against
  /// The scenarios compared with it, one or more (same model, or changed), in order.
  std::vector<std::filesystem::path> what_ifs;
  std::optional<std::filesystem::path> json;  ///< "-" writes to stdout
  std::size_t top = 10;                       ///< roles listed
  std::size_t paths = 5;                      ///< impact paths searched per scenario
  InputOptions input;
};

/// A base scenario and one or more what-ifs side by side: CX figures, roles and impact
/// paths that changed, each what-if against the base.
int run_compare(const CompareOptions& options, std::ostream& out, std::ostream& err);

struct ReportOptions {
  /// Scenarios (or bare models: no failures); two or more make one handout comparing them.
  std::vector<std::filesystem::path> scenarios;
  std::filesystem::path output;    ///< the .html file to write
  bool rank = false;               ///< add the criticality ranking of the model
  std::size_t top = 10;            ///< roles listed (degraded and ranked)
  std::size_t paths = 5;           ///< impact paths listed
  InputOptions input;
};

/// One self-contained HTML report of a scenario (viz/report.hpp).
int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err);

struct ImportHrOptions {
  std::filesystem::path csv;       ///< the HR export
  std::filesystem::path output;    ///< the model YAML to write
  std::string columns;             ///< "id=EmpID,manager=Mgr,...": header names to read
  std::string name;                ///< the model's name ("": the export's file stem)
  InputOptions input;              ///< max_input_mb applies to the export
  std::string program = "orgsim";  ///< as the user ran it, for the next commands printed
};

/// `orgsim import hr`: an HR export becomes a commented model (app/hr_import.hpp).
int run_import_hr(const ImportHrOptions& options, std::ostream& out, std::ostream& err);

struct ElicitOptions {
  std::filesystem::path model;                  ///< the model the questions are about
  std::filesystem::path output;                 ///< the survey CSV; with `merge`, the model YAML
  std::vector<std::filesystem::path> merge;     ///< answered surveys, one per person
  std::optional<std::filesystem::path> report;  ///< with `merge`; default beside `output`
  InputOptions input;
  std::string program = "orgsim";  ///< as the user ran it, for the next command printed
};

/// `orgsim elicit`: the survey of a model's numbers, or several people's answers merged
/// into the model with a report of where they disagree (app/elicit.hpp).
int run_elicit(const ElicitOptions& options, std::ostream& out, std::ostream& err);

}  // namespace orgsim::cli
