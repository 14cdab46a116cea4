#include "serve/edit_api.hpp"

#include <malloc.h>

#include <new>
#include <sstream>

#include "app/load_input.hpp"
#include "app/model_edit.hpp"
#include "app/model_output.hpp"
#include "app/run_json.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "model/loader.hpp"
#include "serve/upload_limits.hpp"
#include "serve/what_if.hpp"

namespace orgsim::serve {

using nlohmann::json;

namespace {

ApiResponse answer(int status, const json& j) {
  return {status, "application/json", app::json_text(j, -1)};
}

// Each handler answers; none lets an exception reach the HTTP layer.
template <class F>
ApiResponse guarded(F&& handler) {
  try {
    return handler();
  } catch (const RequestError& e) {
    return error_response(e);
  } catch (const InvalidArgument& e) {
    return answer(400, {{"error", e.what()}, {"details", json::array()}});
  } catch (const OutputError& e) {
    return answer(500, {{"error", e.what()}, {"details", json::array()}});
  } catch (const std::bad_alloc&) {
    return answer(503, {{"error", "out of memory"}, {"details", json::array()}});
  } catch (const std::exception& e) {
    return answer(
        500, {{"error", std::string("internal error: ") + e.what()}, {"details", json::array()}});
  }
}

// glibc keeps what the YAML reader freed unless asked (see Api::parse).
struct ReturnMemory {
  ~ReturnMemory() { ::malloc_trim(0); }
};

std::string file_name(const EditApiOptions& options) {
  return options.model_file.filename().string();
}

}  // namespace

EditApi::EditApi(json start, EditApiOptions options)
    : options_(std::move(options)), start_(std::move(start)) {
  std::error_code ec;
  exists_ = std::filesystem::exists(options_.model_file, ec);
}

ApiResponse EditApi::model() const {
  return guarded([&] {
    std::lock_guard lock(mutex_);
    return answer(200, {{"file", file_name(options_)}, {"exists", exists_}, {"model", start_}});
  });
}

ApiResponse EditApi::check(std::string_view body) const {
  return guarded([&] {
    const json model = parse_json_body(body);
    std::lock_guard lock(mutex_);
    ReturnMemory return_memory;
    return answer(200, app::edit_check_json(app::check_edited_model(model, file_name(options_))));
  });
}

ApiResponse EditApi::save(std::string_view body) {
  return guarded([&] {
    const json model = parse_json_body(body);
    std::lock_guard lock(mutex_);
    ReturnMemory return_memory;
    const app::EditCheck check = app::check_edited_model(model, file_name(options_));
    if (!check.ok()) {
      std::vector<std::string> details;
      for (const app::EditProblem& p : check.problems) {
        if (p.severity == Severity::kError) details.push_back(p.message);
      }
      const std::string count = std::to_string(check.errors);
      return answer(400, {{"error", "not saved: the model has " + count +
                                        (check.errors == 1 ? " error" : " errors") +
                                        " (shown on the page); fix " +
                                        (check.errors == 1 ? "it" : "them") + " and save again"},
                          {"details", capped_details(std::move(details))},
                          {"check", app::edit_check_json(check)}});
    }
    // The canonical writer's text (model/yaml_writer.hpp), read back and validated once
    // more as the file it becomes: what lands on disk is what `orgsim validate` accepts.
    std::ostringstream warnings;
    const std::string text = app::checked_model_yaml(*check.graph, {}, options_.model_file,
                                                     app::InputOptions{}, warnings);
    write_file_atomically(options_.model_file, text);
    exists_ = true;
    start_ = app::edit_model_json(model::parse_model(text, options_.model_file.string()));
    return answer(200, {{"saved", file_name(options_)},
                        {"bytes", text.size()},
                        {"check", app::edit_check_json(check)}});
  });
}

}  // namespace orgsim::serve
