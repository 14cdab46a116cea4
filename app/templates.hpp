#pragma once
// `orgsim new`: starting models for kinds of organization, compiled into the binary
// (app/templates.cmake embeds templates/ and the contact-center demo), each a commented
// model.yaml and three scenarios that run against it.

#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace orgsim::app {

struct TemplateFile {
  std::string_view name;  ///< "model.yaml", "carrier-strike.yaml"
  std::string_view text;
};

struct ModelTemplate {
  std::string_view name;                ///< "online-shop"; the folder under templates/
  std::span<const TemplateFile> files;  ///< model.yaml first
};

/// Every template, sorted by name but the demo (contact-center) first.
std::span<const ModelTemplate> model_templates();

/// The template called `name`; throws InvalidArgument naming --template and the choices.
const ModelTemplate& find_template(std::string_view name);

/// The `name:` of a template's model, for listings ("Online shop").
std::string template_title(const ModelTemplate& t);

struct NewOptions {
  std::string template_name;       ///< --template
  std::filesystem::path output;    ///< -o: the folder to create or fill
  bool force = false;              ///< overwrite files of the same names
  bool list = false;               ///< --list: print the templates, write nothing
  std::string program = "orgsim";  ///< how the user ran orgsim, for the commands it suggests
};

/// Writes the template's files into options.output (created if missing), each
/// atomically; refuses before writing anything if one of them exists, unless --force.
/// Prints what was written and what to run next. Returns kExitOk.
int run_new(const NewOptions& options, std::ostream& out, std::ostream& err);

}  // namespace orgsim::app
