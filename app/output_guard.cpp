#include "app/output_guard.hpp"

#include <string>
#include <system_error>
#include <vector>

#include "common/errors.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

void refuse_overwriting_inputs(const fs::path& output, std::span<const InputFile> inputs,
                               std::string_view option) {
  std::error_code ec;
  if (output == "-" || !fs::exists(output, ec)) return;
  for (const InputFile& input : inputs) {
    if (input.path.empty() || !fs::equivalent(output, input.path, ec)) continue;
    std::string what(input.role);
    if (input.path != output) what += ", '" + input.path.string() + "'";
    throw InvalidArgument(std::string(option) + ": '" + output.string() +
                          "' is an input of this run (" + what + "); choose another file");
  }
}

void refuse_overwriting_inputs(const fs::path& output, const model::Scenario& inputs,
                               std::string_view option) {
  std::vector<InputFile> files{{inputs.file, "the scenario"}, {inputs.model.file, "the model"}};
  for (const std::string& table : inputs.model.table_files) {
    files.push_back({table, "a table of the model"});
  }
  refuse_overwriting_inputs(output, files, option);
}

}  // namespace orgsim::app
