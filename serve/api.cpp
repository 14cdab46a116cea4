// The API handlers. nlohmann-json is costly to compile: it stays in this file and
// what_if.cpp.
#include "serve/api.hpp"

#include <malloc.h>

#include <algorithm>
#include <charconv>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/layout_json.hpp"
#include "app/pictures.hpp"
#include "app/rank_report.hpp"
#include "app/run.hpp"
#include "app/run_json.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "model/yaml_writer.hpp"
#include "serve/upload_limits.hpp"

namespace orgsim::serve {

using nlohmann::json;

namespace {

// Invalid UTF-8 in a name becomes U+FFFD instead of an exception.
std::string dump(const json& j) { return app::json_text(j, -1); }

constexpr std::string_view kUploadName = "uploaded scenario";
constexpr std::string_view kWhatIfSource = "what-if";  // where a what-if's warnings come from
// Per-role q kept for ?role_steps (8 bytes each): 32 MB per request at most.
constexpr std::size_t kMaxRoleStepsRecorded = 4'000'000;

ApiResponse ok_json(const json& j) { return {200, "application/json", dump(j)}; }

ApiResponse plain_error(int status, const std::string& message) {
  return {status, "application/json", dump(json{{"error", message}, {"details", json::array()}})};
}

// Every handler answers; none lets an exception reach the HTTP layer.
template <class F>
ApiResponse guarded(F&& handler) {
  try {
    return handler();
  } catch (const RequestError& e) {
    return error_response(e);
  } catch (const InvalidArgument& e) {
    return plain_error(400, e.what());
  } catch (const Error& e) {
    return plain_error(500, e.what());
  } catch (const std::bad_alloc&) {
    return plain_error(503, "out of memory");
  } catch (const std::exception& e) {
    return plain_error(500, std::string("internal error: ") + e.what());
  }
}

// One simulation of a what-if. The warnings of its conversion (a failure after the
// last step, a warning of the changed model) are the run's warnings, from "what-if".
app::RunResult run_what_if(const model::Scenario& base, const WhatIf& w, const ApiOptions& options,
                           bool loops = false, bool role_steps = false) {
  std::vector<std::string> messages;
  model::Scenario scenario = to_scenario(base, w, messages);
  Diagnostics warnings;
  for (auto& m : messages) warnings.warning({std::string(kWhatIfSource), 0, 0}, std::move(m));
  app::RunRequest request;
  request.static_mode = w.static_mode;
  request.top = options.top;
  request.paths = options.paths;
  request.loops = loops;   // only the picture draws them
  request.record = false;  // the page shows no run record
  // Per-role series only for play, and only where they stay small in memory.
  request.record_roles =
      role_steps && (static_cast<std::size_t>(w.steps) + 1) * scenario.model.role_count() <=
                        kMaxRoleStepsRecorded;
  return app::run_scenario(std::move(scenario), request, std::move(warnings));
}

// A run as the API answers it: the one run shape (docs/schema/run.schema.json) without
// the per-role list and the run record (a what-if has no input files to hash).
json served_run(const app::RunResult& run) {
  return app::run_json(run, {.roles = false, .run_record = false});
}

json model_json(const model::Scenario& start, const ApiOptions& options) {
  const model::OrgGraph& g = start.model;
  json departments = json::array();
  for (const auto& d : g.departments()) departments.push_back({{"id", d.id}, {"name", d.name}});
  json roles = json::array();
  for (const auto& r : g.roles()) {
    roles.push_back({{"id", r.id},
                     {"name", r.name},
                     {"department", g.department(r.department).id},
                     {"touchpoint", r.touchpoint},
                     {"recovery", r.recovery}});
  }
  json deps = json::array();
  for (const auto& d : g.dependencies()) {
    deps.push_back({{"role", g.role(d.role).id},
                    {"depends_on", g.role(d.depends_on).id},
                    {"weight", d.weight}});
  }
  return {{"name", g.name},
          {"description", g.description},
          {"file", options.model_file.filename().string()},
          {"cx_baseline", g.cx_baseline},
          {"time_unit", g.time_unit},
          {"departments", std::move(departments)},
          {"roles", std::move(roles)},
          {"dependencies", std::move(deps)},
          {"scenario", what_if_to_json(what_if_of(start), g)},
          {"limits",
           {{"max_steps", options.limits.max_steps}, {"max_items", options.limits.max_items}}}};
}

// The `model:` value of scenario text, if it has a top-level `model:` line.
std::optional<std::pair<int, std::string>> model_line(std::string_view text) {
  int line = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    ++line;
    if (l.rfind("model:", 0) == 0) {
      std::string_view v = l.substr(6);
      if (auto hash = v.find(" #"); hash != std::string_view::npos) v = v.substr(0, hash);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) {
        v.remove_suffix(1);
      }
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
        v = v.substr(1, v.size() - 2);
      }
      return std::pair(line, std::string(v));
    }
    start = end + 1;
  }
  return std::nullopt;
}

// A query field's error, as a what-if field's: "degrade: ..." in the message and details.
[[noreturn]] void bad_query(const std::string& field, const std::string& why) {
  throw RequestError(400, field + ": " + why, {field + ": " + why});
}

// ?degrade=: a number in (0, 1], 0.5 when absent (`orgsim rank`'s default).
double rank_degrade(const std::optional<std::string>& text) {
  if (!text) return 0.5;
  double d = 0.0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, d);
  if (ec != std::errc() || ptr != end || text->empty() || !(d > 0.0 && d <= 1.0)) {
    bad_query("degrade",
              "must be a number in (0, 1] (0.5: half), got '" + text->substr(0, 40) + "'");
  }
  return d;
}

// ?exact=: true/1 or false/0, false when absent.
bool rank_exact(const std::optional<std::string>& text) {
  if (!text || *text == "false" || *text == "0") return false;
  if (*text == "true" || *text == "1") return true;
  bad_query("exact", "must be true or false, got '" + text->substr(0, 40) + "'");
}

}  // namespace

ApiResponse error_response(const RequestError& e) {
  return {e.status(), "application/json",
          dump(json{{"error", e.what()}, {"details", e.details()}})};
}

Api::Api(model::Scenario start, viz::Renderer& renderer, ApiOptions options)
    : start_(std::move(start)),
      renderer_(renderer),
      options_(std::move(options)),
      pictures_(options_.picture_cache, options_.picture_cache_bytes) {
  options_.limits.max_steps = std::max(options_.limits.max_steps, start_.steps);
  model_json_ = dump(model_json(start_, options_));
}

Api::~Api() = default;

ApiResponse Api::model() const { return {200, "application/json", model_json_}; }

ApiResponse Api::simulate(std::string_view body, RoleSteps role_steps) const {
  return guarded([&] {
    const WhatIf w =
        what_if_from_json(parse_json_body(body), start_.model, start_.steps, options_.limits);
    const app::RunResult run =
        run_what_if(start_, w, options_, false, role_steps == RoleSteps::kSeries);
    json answer = served_run(run);
    // Peaks only: the run kept no per-role series, so role_steps_json lists each role's
    // peak without `q` (a fifth of the bytes at 300 roles, and no q per step at 10,000).
    if (role_steps != RoleSteps::kNone) answer["role_steps"] = app::role_steps_json(run);
    return ok_json(answer);
  });
}

ApiResponse Api::layout() {
  return guarded([&] {
    std::lock_guard lock(layout_mutex_);
    if (layout_json_.empty()) {
      std::lock_guard drawing(render_mutex_);  // the renderer is shared with render()
      layout_json_ =
          dump(app::layout_json(start_.model, viz::lay_out_org(start_.model, renderer_)));
    }
    return ApiResponse{200, "application/json", layout_json_};
  });
}

ApiResponse Api::render(std::string_view body) {
  return guarded([&] {
    const WhatIf w =
        what_if_from_json(parse_json_body(body), start_.model, start_.steps, options_.limits);
    const std::string key = canonical_key(w);
    if (auto svg = pictures_.get(key)) return ApiResponse{200, "image/svg+xml", std::move(*svg)};
    const app::RunResult run = run_what_if(start_, w, options_, /*loops=*/true);
    const viz::DotGraph graph = app::impact_diagram(run);
    // Graphviz is one set of globals, and the renderer keeps its last warnings: one
    // picture at a time. Requests for the same what-if that queued up behind the
    // first one find its picture in the cache.
    std::lock_guard lock(render_mutex_);
    if (auto svg = pictures_.peek(key)) return ApiResponse{200, "image/svg+xml", std::move(*svg)};
    viz::RenderOptions render_options;
    render_options.timeout_seconds = 60;
    std::string svg = renderer_.render(graph, viz::Format::kSvg, render_options);
    ++renders_;
    pictures_.put(key, svg);
    return ApiResponse{200, "image/svg+xml", std::move(svg)};
  });
}

std::size_t Api::renders() const {
  std::lock_guard lock(render_mutex_);
  return renders_;
}

ApiResponse Api::scenario(std::string_view body) const {
  return guarded([&] {
    const WhatIf w =
        what_if_from_json(parse_json_body(body), start_.model, start_.steps, options_.limits);
    std::vector<std::string> warnings;
    const model::Scenario s = to_scenario(start_, w, warnings);
    return ApiResponse{200, "application/yaml; charset=utf-8",
                       model::to_yaml(s, options_.model_file.string())};
  });
}

ApiResponse Api::parse(std::string_view body) const {
  return guarded([&] {
    check_upload(body);
    // yaml-cpp holds about 70 times the text: six 1 MB uploads at once reached 1.78 GB.
    std::lock_guard lock(parse_mutex_);
    struct ReturnMemory {  // glibc keeps freed memory unless asked: 1.1 GB stayed resident
      ~ReturnMemory() { ::malloc_trim(0); }
    } return_memory;
    model::Scenario s;
    try {
      s = model::parse_scenario(body, kUploadName, start_.model);
      model::throw_if_errors(model::validate_scenario(s), s.sources.get());
    } catch (const LoadError& e) {
      throw RequestError(400, "cannot read the scenario: " + e.where().str() + ": " + e.message(),
                         {e.where().str() + ": " + e.message()});
    } catch (const ValidationError& e) {
      std::vector<std::string> details;
      for (const auto& d : e.diagnostics().items()) {
        if (d.severity == Severity::kError) details.push_back(d.where.str() + ": " + d.message);
      }
      std::string message = details.size() == 1
                                ? "invalid scenario: " + details.front()
                                : "invalid scenario: " + std::to_string(details.size()) + " errors";
      throw RequestError(400, std::move(message), capped_details(std::move(details)));
    }
    if (auto m = model_line(body)) {
      const std::filesystem::path named(m->second);
      const bool same = named.is_absolute()
                            ? named.lexically_normal() == options_.model_file.lexically_normal()
                            : named.filename() == options_.model_file.filename();
      if (!same) {
        const std::string where = std::string(kUploadName) + ":" + std::to_string(m->first) + ":1";
        const std::string why = "this scenario is for model '" + m->second +
                                "', but the server runs '" + options_.model_file.string() + "'";
        throw RequestError(400, "invalid scenario: " + where + ": " + why, {where + ": " + why});
      }
    }
    if (s.steps > options_.limits.max_steps) {
      throw RequestError(400, "invalid scenario: steps " + std::to_string(s.steps) +
                                  " is more than the server allows (" +
                                  std::to_string(options_.limits.max_steps) + ")");
    }
    const std::size_t items = s.failures.size() + s.changes.size() + s.initial.size();
    if (items > options_.limits.max_items) {
      throw RequestError(400, "invalid scenario: " + std::to_string(items) +
                                  " failures, changes and initial states; at most " +
                                  std::to_string(options_.limits.max_items) + " are allowed");
    }
    ApiResponse answer = ok_json(what_if_to_json(what_if_of(s), start_.model));
    if (answer.body.size() > kMaxParseReplyBytes) {
      throw RequestError(400, "invalid scenario: its what-if is " +
                                  std::to_string(answer.body.size()) + " bytes as JSON; at most " +
                                  std::to_string(kMaxParseReplyBytes) + " are allowed");
    }
    return answer;
  });
}

ApiResponse Api::rank(std::string_view body, const RankQuery& query) const {
  return guarded([&] {
    // The query first: it costs nothing to refuse.
    sim::RankParams params;
    const double degrade = rank_degrade(query.degrade);
    params.exact = rank_exact(query.exact);
    // One request, one thread: the server answers several at once on 2 cores.
    params.jobs = 1;
    const WhatIf w =
        what_if_from_json(parse_json_body(body), start_.model, start_.steps, options_.limits);
    std::vector<std::string> warnings;  // a what-if's warnings are about its failures
    model::Scenario scenario = to_scenario(start_, w, warnings);
    // As /api/model: the model file's name, not where it lies on the server.
    scenario.model.file = options_.model_file.filename().string();
    const std::size_t n = scenario.model.role_count();
    if (params.exact && n > options_.max_exact_roles) {
      bad_query("exact",
                "the exact ranking solves the model once per role; this server does it "
                "for models of up to " +
                    std::to_string(options_.max_exact_roles) + " roles, and this one has " +
                    std::to_string(n) +
                    ". Ask without exact (the linear ranking, one solve), or run "
                    "`orgsim rank MODEL --exact`");
    }
    return ApiResponse{200, "application/json", app::rank_scenario_json(scenario, degrade, params)};
  });
}

ApiResponse Api::compare(std::string_view body) const {
  return guarded([&] {
    const json j = parse_json_body(body);
    if (!j.is_object() || !j.contains("baseline") || !j.contains("what_if") || j.size() != 2) {
      throw RequestError(400,
                         "invalid comparison: the body must be {\"baseline\": what-if, "
                         "\"what_if\": what-if}");
    }
    auto read = [&](const char* key) {
      try {
        return what_if_from_json(j.at(key), start_.model, start_.steps, options_.limits);
      } catch (const RequestError& e) {
        std::vector<std::string> details;
        for (const auto& d : e.details()) details.push_back(std::string(key) + "." + d);
        throw RequestError(e.status(), std::string(key) + ": " + e.what(), std::move(details));
      }
    };
    const WhatIf a = read("baseline");
    const WhatIf b = read("what_if");
    const app::RunResult ra = run_what_if(start_, a, options_);
    const app::RunResult rb = run_what_if(start_, b, options_);
    const sim::Summary &sa = ra.summary, &sb = rb.summary;
    return ok_json({{"schema_version", app::kJsonSchemaVersion},
                    {"baseline", served_run(ra)},
                    {"what_if", served_run(rb)},
                    {"difference",
                     {{"min", sb.cx_min - sa.cx_min},
                      {"final", sb.cx_final - sa.cx_final},
                      {"min_step", sb.cx_min_step - sa.cx_min_step}}}});
  });
}

}  // namespace orgsim::serve
