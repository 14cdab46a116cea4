#pragma once
// Shared by the two translation units of orgsim._core (core_module.cpp, core_batch.cpp):
// the handles Python holds. Each owns what it points to through a shared_ptr, so a
// Result keeps its scenario alive and numpy arrays can view its memory without a copy.

#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "common/source_files.hpp"
#include "model/scenario.hpp"

namespace orgsim::python {

namespace py = pybind11;

/// A loaded scenario (a bare model is one with no failures), checked, with the
/// warnings validation gave it. Immutable once built, so handles share it freely.
struct ScenarioHandle {
  std::shared_ptr<const model::Scenario> scenario;
  Diagnostics diagnostics;            ///< the warnings, for the run JSON
  std::vector<std::string> warnings;  ///< the same as "file:line:col: warning: ..." text
};

/// Warning lines ("file:line:col: warning: ...", with the quoted line and caret).
std::vector<std::string> warning_lines(const Diagnostics& warnings, const SourceFiles* sources);

/// Registers the batch functions (core_batch.cpp).
void bind_batch(py::module_& m);

}  // namespace orgsim::python
