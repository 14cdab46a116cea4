#pragma once
// The JSON API behind `orgsim serve`, as plain functions of the request body, so it
// can be tested without a network: model, simulate, render, scenario, parse. The
// HTTP side (routes, limits, the page) is serve/server.cpp.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "model/scenario.hpp"
#include "serve/lru_cache.hpp"
#include "serve/what_if.hpp"
#include "viz/render.hpp"

namespace orgsim::serve {

/// What POST /api/simulate adds of each role's q (`?role_steps=`): nothing, each affected
/// role's peak (`peaks`: what the page colours its diagram by on every slider move), or
/// also its q per step (`1`: what play and the step scrubber need, fetched only then).
enum class RoleSteps { kNone, kPeaks, kSeries };

/// What a handler answers: an HTTP status, a MIME type and the body.
struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

struct ApiOptions {
  /// The model file, as the `model:` line of saved scenarios names it (absolute, so
  /// the saved file runs from wherever it is downloaded to).
  std::filesystem::path model_file;
  std::size_t paths = 5;                       ///< impact paths per answer
  std::size_t top = 10;                        ///< most degraded roles per answer
  std::size_t picture_cache = 256;             ///< pictures kept, by canonical what-if
  std::size_t picture_cache_bytes = 64 << 20;  ///< and their bytes, keys included
  WhatIfLimits limits;
  /// POST /api/rank?exact=true solves the clamped model once per role: refused above this
  /// many roles (the linear ranking, one solve, has no such limit).
  std::size_t max_exact_roles = 2000;
};

/// The query of POST /api/rank, as the URL gave it (absent: the default).
struct RankQuery {
  std::optional<std::string> degrade;  ///< a number in (0, 1]; 0.5 when absent
  std::optional<std::string> exact;    ///< "true"/"1" or "false"/"0"; false when absent
};

/// Every handler is safe to call from many threads at once: the model is read-only,
/// each simulation has its own engine, and pictures are drawn one at a time.
class Api {
 public:
  /// `start`: the validated scenario the server was started with (a bare model is a
  /// scenario with no failures); its what-if is the page's starting point. `renderer`
  /// must outlive the Api (one per process: see viz::Renderer).
  Api(model::Scenario start, viz::Renderer& renderer, ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  /// GET /api/model: departments, roles, dependencies and the starting what-if.
  ApiResponse model() const;
  /// POST /api/simulate: a what-if -> its run, as docs/schema/run.schema.json describes
  /// (CX figures and series, top paths, most degraded roles; no `roles`, no `run_record`).
  /// `role_steps`: also `role_steps` (app::role_steps_json, bounded): each affected role's
  /// peak (kPeaks, ?role_steps=peaks), or its peak and q per step (kSeries, ?role_steps=1).
  ApiResponse simulate(std::string_view body, RoleSteps role_steps = RoleSteps::kNone) const;
  /// GET /api/layout: the whole model laid out once (docs/schema/layout.schema.json),
  /// computed on the first call and kept.
  ApiResponse layout();
  /// POST /api/render: a what-if -> the SVG impact picture (cached by canonical what-if).
  ApiResponse render(std::string_view body);
  /// POST /api/scenario: a what-if -> scenario YAML that `orgsim run` accepts.
  ApiResponse scenario(std::string_view body) const;
  /// POST /api/parse: scenario YAML text -> the what-if JSON; 400 with file:line:col errors.
  /// One upload at a time; bounded by serve/upload_limits.hpp and limits.max_items.
  ApiResponse parse(std::string_view body) const;
  /// POST /api/compare: {"baseline": what-if, "what_if": what-if} -> both runs (each as
  /// simulate answers) and the difference of their headline numbers
  /// (docs/schema/api-compare.schema.json).
  ApiResponse compare(std::string_view body) const;

  /// POST /api/rank?degrade=D&exact=B: a what-if -> `orgsim rank --json`'s answer for the
  /// model after its changes (app::rank_scenario_json; its failures play no part): every
  /// role by the CX points its failure alone, by D, would cost. 400 naming `degrade` or
  /// `exact` for a bad query, and for exact on a model above options.max_exact_roles.
  ApiResponse rank(std::string_view body, const RankQuery& query) const;

  /// Pictures drawn with Graphviz / served from the cache, since construction.
  std::size_t renders() const;
  std::size_t render_cache_hits() const { return pictures_.hits(); }

 private:
  model::Scenario start_;
  viz::Renderer& renderer_;
  ApiOptions options_;
  std::string model_json_;  ///< the /api/model answer, built once
  LruCache pictures_;
  mutable std::mutex render_mutex_;  ///< one Graphviz render at a time
  mutable std::mutex parse_mutex_;   ///< one upload read at a time (yaml-cpp's memory)
  std::size_t renders_ = 0;
  std::mutex layout_mutex_;  ///< the one layout, computed once
  std::string layout_json_;
};

/// A RequestError as the JSON body {"error": message, "details": [...]}.
ApiResponse error_response(const RequestError& e);

}  // namespace orgsim::serve
