#pragma once
// The JSON API of the model editor (`orgsim serve MODEL --edit`), as plain functions of
// the request body like serve/api.hpp: the model to start from, a check of the model
// on the page, and its save to MODEL. The checks are app/model_edit.hpp's: the loader
// and validate_model, as `orgsim validate` runs them. docs/editor.md describes it.

#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "serve/api.hpp"

namespace orgsim::serve {

struct EditApiOptions {
  std::filesystem::path model_file;  ///< where Save writes (it need not exist yet)
};

/// Safe to call from many threads at once: checks and saves run one at a time (the YAML
/// reader's memory; one writer of the file).
class EditApi {
 public:
  /// `start`: the editor's JSON model to begin with (app::edit_model_json of the loaded
  /// model, or app::empty_edit_model for a new file).
  EditApi(nlohmann::json start, EditApiOptions options);

  /// GET /api/edit/model: {file (its name), exists (on disk), model (the editor's JSON,
  /// as last saved)}.
  ApiResponse model() const;
  /// POST /api/edit/check: the editor's JSON model -> app::edit_check_json. 400 only for
  /// a body that is not such a model (bad JSON, a list that is not a list).
  ApiResponse check(std::string_view body) const;
  /// POST /api/edit/save: checks the model as check() does; with no error, writes it to
  /// the model file atomically (through a symbolic link to its target, keeping the file's
  /// mode: common/atomic_file.hpp) and answers {saved, bytes, check}. A model with errors
  /// is not written: 400 {error, details, check}.
  ApiResponse save(std::string_view body);

 private:
  EditApiOptions options_;
  mutable std::mutex mutex_;  ///< one check or save at a time; guards start_ and exists_
  nlohmann::json start_;
  bool exists_ = false;
};

}  // namespace orgsim::serve
