// nlohmann-json is costly to compile: it stays in this file and model_json.cpp.
#include "wasm/engine.hpp"

#include <new>
#include <nlohmann/json.hpp>

#include "app/rank_report.hpp"
#include "app/role_steps.hpp"
#include "app/run.hpp"
#include "app/run_json.hpp"
#include "model/scenario_rules.hpp"
#include "model/yaml_writer.hpp"
#include "serve/what_if.hpp"
#include "sim/rank.hpp"
#include "wasm/model_json.hpp"

namespace orgsim::wasm {

namespace {

using nlohmann::json;

std::string error_text(const std::string& message, const std::vector<std::string>& details) {
  return app::json_text(json{{"error", message}, {"details", details}}, -1);
}

// The API's answers to the same failures (serve/api.cpp), so the page reads both alike.
template <class F>
std::string guarded(F&& body) {
  try {
    return body();
  } catch (const serve::RequestError& e) {
    return error_text(e.what(), e.details());
  } catch (const std::bad_alloc&) {
    return error_text("out of memory", {});
  } catch (const std::exception& e) {
    return error_text(e.what(), {});
  }
}

// The what-if warnings' source, as the server names it.
constexpr std::string_view kWhatIfSource = "what-if";
// Per-role q kept for role_steps (8 bytes each), as serve/api.cpp: 32 MB at most.
constexpr std::size_t kMaxRoleStepsRecorded = 4'000'000;

// Every answer to a what-if: `error` for a bad model, else body(what-if, its
// scenario, its warnings), with a bad what-if or any failure answered as the API does.
template <class F>
std::string with_what_if(const model::Scenario* base, const std::string& error,
                         std::string_view what_if_json, F&& body) {
  if (!base) return error;
  return guarded([&] {
    // No server to protect here: a what-if may run as long as a scenario file may.
    serve::WhatIfLimits limits;
    limits.max_steps = model::kMaxSteps;
    const serve::WhatIf w = serve::what_if_from_json(serve::parse_json_body(what_if_json),
                                                     base->model, base->steps, limits);
    std::vector<std::string> warnings;
    model::Scenario scenario = serve::to_scenario(*base, w, warnings);
    return body(w, std::move(scenario), std::move(warnings));
  });
}

}  // namespace

Engine::Engine(std::string_view model_json) {
  error_ = guarded([&] {
    auto base = std::make_shared<model::Scenario>();
    base->model = model_from_json(serve::parse_json_body(model_json));
    base->name = base->model.name;
    base_ = std::move(base);
    return std::string();
  });
}

std::string Engine::run(std::string_view what_if_json) const { return answer(what_if_json, true); }

std::string Engine::simulate(std::string_view what_if_json) const {
  return answer(what_if_json, false);
}

std::string Engine::simulate_steps(std::string_view what_if_json) const {
  return answer(what_if_json, false, RoleSteps::kSeries);
}

std::string Engine::simulate_peaks(std::string_view what_if_json) const {
  return answer(what_if_json, false, RoleSteps::kPeaks);
}

std::string Engine::scenario(std::string_view what_if_json, std::string_view model_file) const {
  return with_what_if(
      base_.get(), error_, what_if_json,
      [&](const serve::WhatIf&, model::Scenario scenario, std::vector<std::string>) {
        return model::to_yaml(scenario, model_file);
      });
}

std::string Engine::rank(std::string_view what_if_json, double degrade, bool exact) const {
  return with_what_if(
      base_.get(), error_, what_if_json,
      [&](const serve::WhatIf&, model::Scenario scenario, std::vector<std::string>) {
        // As `orgsim rank` and POST /api/rank: the model after the what-if's changes.
        sim::RankParams params;
        params.exact = exact;
        params.jobs = 1;  // no threads in a page (sim/workers.hpp)
        return app::rank_scenario_json(scenario, degrade, params);
      });
}

std::string Engine::answer(std::string_view what_if_json, bool roles_and_loops,
                           RoleSteps role_steps) const {
  return with_what_if(
      base_.get(), error_, what_if_json,
      [&](const serve::WhatIf& w, model::Scenario scenario, std::vector<std::string> messages) {
        Diagnostics warnings;
        for (auto& m : messages) warnings.warning({std::string(kWhatIfSource), 0, 0}, std::move(m));
        app::RunRequest request;  // `orgsim run`'s defaults: 10 roles, 5 paths, loops
        request.static_mode = w.static_mode;
        request.record = false;  // no input files to hash
        request.loops = roles_and_loops;
        // As serve/api.cpp: per-role series only for play, and only where they stay small;
        // without them role_steps_json lists each role's peak alone.
        request.record_roles =
            role_steps == RoleSteps::kSeries &&
            (static_cast<std::size_t>(w.steps) + 1) * scenario.model.role_count() <=
                kMaxRoleStepsRecorded;
        const app::RunResult result =
            app::run_scenario(std::move(scenario), request, std::move(warnings));
        json out = app::run_json(result, {.roles = roles_and_loops, .run_record = false});
        if (role_steps != RoleSteps::kNone) out["role_steps"] = app::role_steps_json(result);
        return app::json_text(out, -1);
      });
}

}  // namespace orgsim::wasm
