#include "app/web_modules.hpp"

#include <nlohmann/json.hpp>
#include <regex>
#include <vector>

#include "viz/web_assets.hpp"

namespace orgsim::app {

std::string web_module_closure_json(std::string_view entry) {
  static const std::regex kImport(
      R"re((?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]\./([\w.-]+\.js)['"])re");
  nlohmann::json modules = nlohmann::json::object();
  std::vector<std::string> todo{std::string(entry)};
  while (!todo.empty()) {
    const std::string name = todo.back();
    todo.pop_back();
    if (modules.contains(name)) continue;
    const std::string text(viz::web_asset(name));  // throws for a module not embedded
    modules[name] = text;
    for (std::sregex_iterator it(text.begin(), text.end(), kImport), end; it != end; ++it) {
      todo.push_back((*it)[1].str());
    }
  }
  return modules.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace orgsim::app
