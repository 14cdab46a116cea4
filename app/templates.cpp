#include "app/templates.hpp"

#include <system_error>

#include "app/exit_codes.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

const ModelTemplate& find_template(std::string_view name) {
  std::string names;
  for (const ModelTemplate& t : model_templates()) {
    if (t.name == name) return t;
    names += (names.empty() ? "" : ", ") + std::string(t.name);
  }
  throw InvalidArgument("--template: no template '" + printable(name) + "'; the templates are " +
                        names + " (orgsim new --list describes them)");
}

std::string template_title(const ModelTemplate& t) {
  const std::string_view model = t.files.front().text;
  for (std::size_t at = 0; at < model.size();) {
    std::size_t end = model.find('\n', at);
    if (end == std::string_view::npos) end = model.size();
    const std::string_view line = model.substr(at, end - at);
    if (line.starts_with("name: ")) return std::string(line.substr(6));
    at = end + 1;
  }
  return std::string(t.name);
}

int run_new(const NewOptions& options, std::ostream& out, std::ostream& /*err*/) {
  if (options.list) {
    for (const ModelTemplate& t : model_templates()) {
      out << "  " << t.name << std::string(t.name.size() < 16 ? 16 - t.name.size() : 1, ' ')
          << template_title(t) << " (" << t.files.size() - 1 << " scenarios)\n";
    }
    return kExitOk;
  }
  if (options.template_name.empty()) {
    throw InvalidArgument("--template: give one of the templates (orgsim new --list shows them)");
  }
  const ModelTemplate& t = find_template(options.template_name);
  if (options.output.empty()) throw InvalidArgument("-o/--output: give the folder to write");
  std::error_code ec;
  if (fs::exists(options.output, ec) && !fs::is_directory(options.output, ec)) {
    throw InvalidArgument("-o/--output: '" + printable_path(options.output) +
                          "' exists and is not a folder");
  }
  // Every check before the first write: a refusal leaves the folder as it was.
  if (!options.force) {
    for (const TemplateFile& f : t.files) {
      const fs::path path = options.output / f.name;
      if (fs::exists(path, ec)) {
        throw InvalidArgument("-o/--output: '" + printable_path(path) +
                              "' already exists; use --force to overwrite the template's files");
      }
    }
  }
  fs::create_directories(options.output, ec);
  if (ec) {
    throw OutputError(printable_path(options.output) +
                      ": error: cannot create the folder: " + ec.message());
  }
  for (const TemplateFile& f : t.files) {
    write_file_atomically(options.output / f.name, std::string(f.text));
  }
  const std::string model = printable_path(options.output / "model.yaml");
  out << "Wrote " << model << " (" << template_title(t) << ") and " << t.files.size() - 1
      << " scenarios:\n";
  for (const TemplateFile& f : t.files.subspan(1)) {
    out << "  " << printable_path(options.output / f.name) << "\n";
  }
  out << "Next: change the numbers with the people who know them (docs/modelling-guide.md), "
         "then\n";
  const std::string program = printable(options.program);
  out << "  " << program << " validate " << model << "\n  " << program << " rank " << model
      << "\n  " << program << " run " << printable_path(options.output / t.files[1].name) << "\n";
  return kExitOk;
}

}  // namespace orgsim::app
