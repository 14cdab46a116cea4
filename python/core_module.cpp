// orgsim._core: the compiled half of the Python module (python/orgsim/ is the other).
// A thin binding over app/: load and check input (app/load_input.hpp,
// app/parse_input.hpp), run (app/run.hpp), render the run JSON (app/run_report.hpp) and
// the rank CSV (app/rank_report.hpp). pandas frames are built in Python from the
// plain columns returned here. Long calls release the GIL.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <chrono>
#include <optional>
#include <sstream>
#include <utility>

#include "app/load_input.hpp"
#include "app/parse_input.hpp"
#include "app/rank_report.hpp"
#include "app/run.hpp"
#include "app/run_report.hpp"
#include "common/errors.hpp"
#include "orgsim_version.hpp"
#include "python/core.hpp"
#include "sim/rank.hpp"

namespace orgsim::python {

namespace {

namespace fs = std::filesystem;
using app::RunResult;

app::InputOptions input_options(bool strict, std::uintmax_t max_input_mb) {
  app::InputOptions options;
  options.strict = strict;
  options.max_input_mb = max_input_mb;
  return options;
}

ScenarioHandle handle_of(app::LoadedInput in) {
  ScenarioHandle h;
  h.warnings = warning_lines(in.warnings, in.scenario.sources.get());
  h.diagnostics = std::move(in.warnings);
  h.scenario = std::make_shared<const model::Scenario>(std::move(in.scenario));
  return h;
}

ScenarioHandle load(const fs::path& path, bool strict, std::uintmax_t max_input_mb) {
  py::gil_scoped_release unlocked;
  std::ostringstream ignored;  // warnings are kept in the handle instead
  return handle_of(app::load_input(path, input_options(strict, max_input_mb), ignored));
}

ScenarioHandle parse(const std::string& text, const std::string& file_name,
                     const ScenarioHandle& model, bool strict) {
  py::gil_scoped_release unlocked;
  return handle_of(
      app::parse_input(text, file_name, model.scenario->model, input_options(strict, 64)));
}

// The model as a bare-model input: what load_input gives for the model file.
ScenarioHandle model_only(const ScenarioHandle& h) {
  model::Scenario bare;
  bare.name = h.scenario->model.name;
  bare.description = h.scenario->model.description;
  bare.model = h.scenario->model;
  bare.sources = h.scenario->sources;
  return ScenarioHandle{std::make_shared<const model::Scenario>(std::move(bare)), {}, {}};
}

// Columns of the model's tables, as dicts of lists, for pandas.DataFrame(...).
py::dict roles_columns(const model::OrgGraph& g) {
  py::list id, name, department, recovery, touchpoint, description;
  for (const model::Role& r : g.roles()) {
    id.append(r.id);
    name.append(r.name);
    department.append(g.department(r.department).id);
    recovery.append(r.recovery);
    touchpoint.append(r.touchpoint);
    description.append(r.description);
  }
  py::dict d;
  d["id"] = id;
  d["name"] = name;
  d["department"] = department;
  d["recovery"] = recovery;
  d["touchpoint"] = touchpoint;
  d["description"] = description;
  return d;
}

py::dict dependency_columns(const model::OrgGraph& g) {
  py::list role, depends_on, weight;
  for (const model::Dependency& d : g.dependencies()) {
    role.append(g.role(d.role).id);
    depends_on.append(g.role(d.depends_on).id);
    weight.append(d.weight);
  }
  py::dict d;
  d["role"] = role;
  d["depends_on"] = depends_on;
  d["weight"] = weight;
  return d;
}

py::list department_list(const model::OrgGraph& g) {
  py::list out;
  for (const model::Department& d : g.departments()) out.append(py::make_tuple(d.id, d.name));
  return out;
}

py::list failure_list(const model::Scenario& s) {
  py::list out;
  for (const model::Failure& f : s.failures) {
    out.append(py::make_tuple(s.model.role(f.role).id, f.degrade, f.from,
                              f.to ? py::cast(*f.to) : py::none()));
  }
  return out;
}

// The run and the seconds app::run_scenario took (for Result.run_seconds: what the
// binding adds is measured against it, bench/python_overhead.py).
std::pair<std::shared_ptr<RunResult>, double> run(const ScenarioHandle& h, std::optional<int> steps,
                                                  bool static_mode, std::size_t samples,
                                                  std::uint64_t seed,
                                                  std::optional<double> threshold, unsigned jobs,
                                                  std::size_t top, std::size_t paths, bool loops,
                                                  bool record_q) {
  app::RunRequest request;  // as cli/cmd_run.cpp builds it for `orgsim run --json`
  request.steps = steps;
  request.static_mode = static_mode;
  request.top = top;
  request.paths = paths;
  request.loops = loops;
  request.record_roles = record_q;
  if (samples > 0) {
    sim::MonteCarloParams& sampling = request.sampling.emplace();
    sampling.samples = samples;
    sampling.seed = seed;
    sampling.jobs = jobs;
    sampling.threshold = threshold;
  } else if (threshold) {
    throw InvalidArgument("threshold: needs samples > 0 (a Monte Carlo run)");
  }
  app::validate(request);
  // The caller's arguments keep `h` alive, and its scenario is immutable: other threads
  // may run it too while the GIL is released.
  py::gil_scoped_release unlocked;
  Diagnostics warnings = h.diagnostics;  // in the JSON, as `orgsim run` reports them
  const auto start = std::chrono::steady_clock::now();
  // The Result shares the immutable scenario: no copy of its model per run.
  auto result =
      std::make_shared<RunResult>(app::run_scenario(h.scenario, request, std::move(warnings)));
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  return {std::move(result), seconds.count()};
}

// A read-only numpy view of `values`, which `owner` keeps alive.
py::array view(std::span<const double> values, py::handle owner) {
  py::array a(py::dtype::of<double>(), {values.size()}, {sizeof(double)}, values.data(), owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return a;
}

// q(k) for k = 0..steps, one row per state (a copy: sim::Trace keeps it private).
// A static run has one state, the fixed point, as a view.
py::array q_matrix(const RunResult& r, py::handle owner) {
  const sim::Trace& t = r.trace;
  const auto roles = static_cast<py::ssize_t>(t.role_count());
  if (r.solver || !t.has_role_trajectories()) {
    if (r.solver) return view(t.final_state(), owner).reshape({py::ssize_t{1}, roles});
    throw InvalidArgument("q: the run did not record q (run with record_q=True)");
  }
  const py::ssize_t states = t.steps() + 1;
  py::array_t<double> q({states, roles});
  double* out = q.mutable_data();
  for (py::ssize_t k = 0; k < states; ++k) {
    for (py::ssize_t i = 0; i < roles; ++i) {
      *out++ = t.q(model::RoleId(static_cast<std::uint32_t>(i)), static_cast<int>(k));
    }
  }
  return q;
}

// The run record as the run JSON's `run_record` object (app/run_record.hpp), without
// rendering the whole JSON.
py::dict record_dict(const RunResult& r) {
  const app::RunRecord& rec = r.record;
  auto optional = [](const std::optional<std::uint64_t>& v) {
    return v ? py::object(py::int_(*v)) : py::object(py::none());
  };
  py::dict d;
  d["orgsim_version"] = rec.orgsim_version;
  d["model_file"] = rec.model_file;
  d["model_sha256"] = rec.model_sha256;
  d["scenario_file"] = rec.scenario_file;
  d["scenario_sha256"] = rec.scenario_sha256;
  d["seed"] = optional(rec.seed);
  d["samples"] = optional(rec.samples);
  if (!rec.tables.empty()) {
    py::list tables;
    for (const app::TableDigest& t : rec.tables) {
      py::dict table;
      table["file"] = t.file;
      table["sha256"] = t.sha256;
      tables.append(table);
    }
    d["tables"] = tables;
  }
  return d;
}

py::list role_ids(const model::OrgGraph& g, const std::vector<model::RoleId>& roles) {
  py::list out;
  for (model::RoleId r : roles) out.append(g.role(r).id);
  return out;
}

py::list path_rows(const RunResult& r) {
  py::list out;
  if (!r.paths) return out;
  for (const sim::ImpactPath& p : r.paths->paths) {
    out.append(py::make_tuple(role_ids(r.effective(), p.roles), p.gain, p.degrade, p.touchpoint,
                              p.cx_points, p.share));
  }
  return out;
}

py::list loop_rows(const RunResult& r) {
  py::list out;
  if (!r.loops) return out;
  for (const sim::FeedbackLoop& l : *r.loops) {
    out.append(
        py::make_tuple(role_ids(r.effective(), l.roles), l.gain, l.amplifies, l.amplification));
  }
  return out;
}

// The rank CSV of `orgsim rank --csv` for the model (after the scenario's changes).
std::string rank_csv(const ScenarioHandle& h, double degrade, bool exact, unsigned jobs) {
  sim::RankParams params;
  params.exact = exact;
  params.jobs = jobs;
  sim::validate_rank(degrade, params);
  py::gil_scoped_release unlocked;
  const model::OrgGraph graph = model::apply_changes(h.scenario->model, h.scenario->changes);
  const auto ranking = sim::rank_roles(graph, degrade, params);
  const app::RunRecord record = app::make_run_record(*h.scenario);
  return app::rank_csv({graph, degrade, exact, ranking, &record});
}

void register_errors(py::module_& m) {
  static py::exception<Error> error(m, "Error");
  static py::exception<ValidationError> input_error(m, "InputError", error.ptr());
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ValidationError& e) {
      PyErr_SetString(input_error.ptr(), e.what());
    } catch (const LoadError& e) {
      PyErr_SetString(input_error.ptr(), e.what());
    } catch (const InvalidArgument& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const Error& e) {
      PyErr_SetString(error.ptr(), e.what());
    }
  });
}

}  // namespace

std::vector<std::string> warning_lines(const Diagnostics& warnings, const SourceFiles* sources) {
  std::vector<std::string> out;
  for (const Diagnostic& d : warnings.items()) out.push_back(format_diagnostic(d, sources));
  return out;
}

}  // namespace orgsim::python

PYBIND11_MODULE(_core, m) {
  using namespace orgsim::python;
  namespace app = orgsim::app;
  m.doc() = "The compiled core of orgsim; use the orgsim package, not this module.";
  register_errors(m);
  m.attr("version") = orgsim::kVersion;

  py::class_<ScenarioHandle>(m, "ScenarioHandle")
      .def_property_readonly("name", [](const ScenarioHandle& h) { return h.scenario->name; })
      .def_property_readonly("description",
                             [](const ScenarioHandle& h) { return h.scenario->description; })
      .def_property_readonly("file", [](const ScenarioHandle& h) { return h.scenario->file; })
      .def_property_readonly("steps", [](const ScenarioHandle& h) { return h.scenario->steps; })
      .def_property_readonly("model_name",
                             [](const ScenarioHandle& h) { return h.scenario->model.name; })
      .def_property_readonly("model_file",
                             [](const ScenarioHandle& h) { return h.scenario->model.file; })
      .def_property_readonly("cx_baseline",
                             [](const ScenarioHandle& h) { return h.scenario->model.cx_baseline; })
      .def_property_readonly("role_count",
                             [](const ScenarioHandle& h) { return h.scenario->model.role_count(); })
      .def_property_readonly("change_count",
                             [](const ScenarioHandle& h) { return h.scenario->changes.size(); })
      .def_readonly("warnings", &ScenarioHandle::warnings)
      .def("failures", [](const ScenarioHandle& h) { return failure_list(*h.scenario); })
      .def("roles", [](const ScenarioHandle& h) { return roles_columns(h.scenario->model); })
      .def("dependencies",
           [](const ScenarioHandle& h) { return dependency_columns(h.scenario->model); })
      .def("departments",
           [](const ScenarioHandle& h) { return department_list(h.scenario->model); })
      .def("model_only", &model_only)
      .def("record", [](const ScenarioHandle& h) {
        const app::RunRecord r = app::make_run_record(*h.scenario);
        return py::make_tuple(r.model_sha256, r.scenario_sha256, app::tables_field(r.tables));
      });

  m.def("load", &load, py::arg("path"), py::arg("strict") = false, py::arg("max_input_mb") = 64,
        "Loads and checks a model or scenario file (app::load_input).");
  m.def("parse", &parse, py::arg("text"), py::arg("file_name"), py::arg("model"),
        py::arg("strict") = false,
        "Parses scenario text (YAML or JSON) against a loaded model and checks it.");

  py::class_<RunResult, std::shared_ptr<RunResult>>(m, "RunResult")
      .def_property_readonly(
          "cx",
          [](py::object self) { return view(self.cast<const RunResult&>().trace.cx(), self); })
      .def_property_readonly(
          "q", [](py::object self) { return q_matrix(self.cast<const RunResult&>(), self); })
      .def("json", [](const RunResult& r) { return app::run_report_json(r); })
      .def("record", &record_dict)
      .def("paths", &path_rows)
      .def("loops", &loop_rows)
      .def_property_readonly("role_ids",
                             [](const RunResult& r) {
                               py::list ids;
                               for (const auto& role : r.effective().roles()) ids.append(role.id);
                               return ids;
                             })
      .def_property_readonly("samples_cx_min",
                             [](py::object self) -> py::object {
                               const auto& r = self.cast<const RunResult&>();
                               if (!r.monte_carlo) return py::none();
                               return view(r.monte_carlo->cx_min, self);
                             })
      .def_property_readonly("samples_cx_final", [](py::object self) -> py::object {
        const auto& r = self.cast<const RunResult&>();
        if (!r.monte_carlo) return py::none();
        return view(r.monte_carlo->cx_final, self);
      });

  m.def("run", &run, py::arg("scenario"), py::arg("steps"), py::arg("static_mode"),
        py::arg("samples"), py::arg("seed"), py::arg("threshold"), py::arg("jobs"), py::arg("top"),
        py::arg("paths"), py::arg("loops"), py::arg("record_q"),
        "Runs a scenario (app::run_scenario) without the GIL.");
  m.def("rank_csv", &rank_csv, py::arg("scenario"), py::arg("degrade"), py::arg("exact"),
        py::arg("jobs"),
        "Every role's CX cost if it alone fails, as `orgsim rank --csv` writes it.");
  bind_batch(m);
}
