// Load test of `orgsim serve`: starts the binary on a free port of 127.0.0.1, then
// drives it with many httplib::Client threads (one keep-alive connection each).
//
//   orgsim_serve_load ORGSIM SCENARIO [--requests N] [--connections C] [--warmup W]
//                     [--max-growth-mib M]
//     a mix of GET /api/model, POST /api/simulate (varied what-ifs), /api/compare,
//     /api/scenario, /api/render (varied, some repeated: cache hits) and hostile
//     requests (deep nesting, malformed JSON, unknown roles, numbers out of range,
//     bodies over 1 MB), each checked against its expected status.
//   orgsim_serve_load ORGSIM SCENARIO --renders N [--connections C] [--sample-every S]
//     N POST /api/render, every what-if different (its name numbers it), so that each
//     is drawn by Graphviz and none comes from the cache; prints the server's RSS
//     every S renders.
//
// Both modes read the server's VmRSS after the first W requests (the warm-up: thread
// stacks, malloc arenas, the picture cache filling; by default a tenth of the requests,
// and at least the 2,500 that draw the mix's 24 pictures, or 500 renders, more than
// the 256 pictures the cache keeps) and at the end, and fail if it
// grew by more than M MiB, if any request got an unexpected status or no answer, or
// if the server stopped answering. Latencies are printed, never asserted.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/serve_process.hpp"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string orgsim;
  std::string scenario;
  long requests = 20000;
  long renders = 0;  ///< > 0: the render-memory mode
  int connections = 50;
  long warmup = 0;  ///< 0: the default (see the top of this file)
  long sample_every = 500;
  double max_growth_mib = 8.0;
};

// One request of the test: what to send and the status it must get.
struct Request {
  const char* kind;  ///< the latency bucket
  const char* method;
  const char* path;
  std::string body;
  int expect;
};

constexpr long kRenderSet = 24;

// What-ifs built from the served model's role ids, deterministic in `i`.
class Mix {
 public:
  explicit Mix(std::vector<std::string> roles) : roles_(std::move(roles)) {
    huge_ = std::string((1 << 20) + 4096, ' ');
    deep_ = R"({"failures": )" + std::string(100000, '[');
  }

  std::string what_if(long i, bool unique_name) const {
    const std::string& a = roles_[static_cast<std::size_t>(i) % roles_.size()];
    const std::string& b = roles_[static_cast<std::size_t>(i * 7 + 3) % roles_.size()];
    const double degrade = 0.05 + 0.9 * static_cast<double>(i % 97) / 96.0;
    json w = {
        {"steps", 20 + i % 41},
        {"failures", {{{"role", a}, {"degrade", degrade}, {"from", i % 5}, {"to", 6 + i % 11}}}}};
    if (i % 3 == 0) w["failures"].push_back({{"role", b}, {"degrade", 0.3}});
    if (i % 4 == 1) w["changes"] = {{{"role", b}, {"recovery", 0.1 + 0.8 * (i % 10) / 9.0}}};
    if (i % 10 == 7) w["static"] = true;
    if (unique_name) w["name"] = "load " + std::to_string(i);
    return w.dump();
  }

  // The i-th request of the mixed load: 25% model, 50% simulate, 5% compare, 5%
  // scenario, 1% render, 14% hostile.
  Request next(long i) const {
    const long r = i % 100;
    if (r < 25) return {"model", "GET", "/api/model", "", 200};
    if (r < 75) return {"simulate", "POST", "/api/simulate", what_if(i, false), 200};
    if (r < 80) {
      return {
          "compare", "POST", "/api/compare",
          R"({"baseline": )" + what_if(i, false) + R"(, "what_if": )" + what_if(i + 1, false) + "}",
          200};
    }
    if (r < 85) return {"scenario", "POST", "/api/scenario", what_if(i, true), 200};
    if (r == 85) {
      // kRenderSet different pictures, each drawn once during the warm-up (its first
      // kRenderSet * 100 requests) and served from the cache after it; the render
      // mode draws a new picture every time.
      return {"render", "POST", "/api/render", what_if((i / 100) % kRenderSet, true), 200};
    }
    switch (r % 7) {
      case 0:
        return {"hostile", "POST", "/api/simulate", deep_, 400};
      case 1:
        return {"hostile", "POST", "/api/simulate", R"({"failures": [)", 400};
      case 2:
        return {"hostile", "POST", "/api/simulate",
                R"({"failures": [{"role": "no-such-role", "degrade": 0.5}]})", 400};
      case 3:
        return {"hostile", "POST", "/api/simulate", R"({"steps": 1e400})", 400};
      case 4:
        return {"hostile", "POST", "/api/render", R"({"failures": [{"role": 1, "degrade": NaN}]})",
                400};
      case 5:
        return {"hostile", "POST", "/api/compare", R"({"baseline": []})", 400};
      default:
        return {"hostile", "POST", "/api/simulate", huge_, 413};
    }
  }

 private:
  std::vector<std::string> roles_;
  std::string huge_;
  std::string deep_;
};

struct Stats {
  std::map<std::string, std::vector<double>> ms;  ///< latencies by kind
  long failed = 0;
  std::vector<std::string> failures;  ///< the first few, for the report
};

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0.0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// Sends requests [begin, end) of `make` from `connections` threads, one client each
// (each sends the server's token, as the page does).
template <class Make>
void drive(const orgsim::test::ServeProcess& server, int connections, long begin, long end,
           const Make& make, Stats& total) {
  std::mutex mutex;
  std::atomic<long> cursor{begin};
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t) {
    threads.emplace_back([&] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_default_headers({{"X-Orgsim-Token", server.token()}});
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(300, 0);
      client.set_write_timeout(60, 0);
      Stats mine;
      for (long i = cursor++; i < end; i = cursor++) {
        const Request req = make(i);
        const auto start = Clock::now();
        httplib::Result res = std::string(req.method) == "GET"
                                  ? client.Get(req.path)
                                  : client.Post(req.path, req.body, "application/json");
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        mine.ms[req.kind].push_back(ms);
        if (!res || res->status != req.expect) {
          ++mine.failed;
          if (mine.failures.size() < 3) {
            mine.failures.push_back(
                std::to_string(i) + " " + req.method + " " + req.path + ": " +
                (res ? "status " + std::to_string(res->status) + " " + res->body.substr(0, 200)
                     : "no answer: " + httplib::to_string(res.error())));
          }
        }
      }
      std::lock_guard lock(mutex);
      for (auto& [kind, v] : mine.ms) {
        auto& all = total.ms[kind];
        all.insert(all.end(), v.begin(), v.end());
      }
      total.failed += mine.failed;
      for (auto& f : mine.failures) {
        if (total.failures.size() < 10) total.failures.push_back(f);
      }
    });
  }
  for (auto& t : threads) t.join();
}

void print_latencies(Stats& stats, double seconds) {
  long n = 0;
  std::printf("%-10s %8s %9s %9s %9s %9s\n", "endpoint", "requests", "p50 ms", "p95 ms", "p99 ms",
              "max ms");
  for (auto& [kind, v] : stats.ms) {
    n += static_cast<long>(v.size());
    const double max = *std::max_element(v.begin(), v.end());
    const double p50 = percentile(v, 0.50), p95 = percentile(v, 0.95), p99 = percentile(v, 0.99);
    std::printf("%-10s %8zu %9.2f %9.2f %9.2f %9.2f\n", kind.c_str(), v.size(), p50, p95, p99, max);
  }
  std::printf("total: %ld requests in %.1f s (%.0f requests/s), %ld failed\n", n, seconds,
              static_cast<double>(n) / seconds, stats.failed);
  for (const auto& f : stats.failures) std::printf("  failed: %s\n", f.c_str());
}

int usage() {
  std::fprintf(stderr,
               "usage: orgsim_serve_load ORGSIM SCENARIO [--requests N] [--renders N] "
               "[--connections C] [--warmup W] [--sample-every S] [--max-growth-mib M]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (argc < 3) return usage();
  o.orgsim = argv[1];
  o.scenario = argv[2];
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* v = argv[i + 1];
    if (flag == "--requests") {
      o.requests = std::atol(v);
    } else if (flag == "--renders") {
      o.renders = std::atol(v);
    } else if (flag == "--connections") {
      o.connections = std::atoi(v);
    } else if (flag == "--warmup") {
      o.warmup = std::atol(v);
    } else if (flag == "--sample-every") {
      o.sample_every = std::atol(v);
    } else if (flag == "--max-growth-mib") {
      o.max_growth_mib = std::atof(v);
    } else {
      return usage();
    }
  }
  if (argc % 2 == 0 || o.requests < 1 || o.renders < 0 || o.connections < 1 || o.sample_every < 1 ||
      o.warmup < 0) {
    return usage();
  }

  ::signal(SIGPIPE, SIG_IGN);  // a refused upload is EPIPE, not the end of the test
  orgsim::test::ServeProcess server(o.orgsim, {o.scenario});
  const int port = server.port();
  httplib::Client probe("127.0.0.1", port);
  probe.set_default_headers({{"X-Orgsim-Token", server.token()}});
  auto model = probe.Get("/api/model");
  if (!model || model->status != 200) {
    std::fprintf(stderr, "GET /api/model failed\n");
    return 1;
  }
  std::vector<std::string> roles;
  const json model_json = json::parse(model->body);
  for (const auto& r : model_json.at("roles")) roles.push_back(r.at("id"));
  if (roles.empty()) {
    std::fprintf(stderr, "the model has no roles\n");
    return 1;
  }
  const Mix mix(roles);
  const long rss_start = server.rss_kib();

  const bool render_mode = o.renders > 0;
  const long total = render_mode ? o.renders : o.requests;
  const long warmup =
      o.warmup > 0 ? std::min(o.warmup, total)
                   : (render_mode ? std::min(total / 2, std::max(500L, total / 10))
                                  : std::min(total, std::max(kRenderSet * 100 + 100, total / 10)));
  std::printf("orgsim serve pid %d on port %d: %zu roles; %ld %s from %d connections\n",
              static_cast<int>(server.pid()), port, roles.size(), total,
              render_mode ? "renders" : "requests", o.connections);
  std::printf("RSS at start: %.1f MiB\n", rss_start / 1024.0);

  Stats stats;
  long rss_warm = 0, rss_peak = 0;
  const auto start = Clock::now();
  if (render_mode) {
    auto make = [&](long i) {
      return Request{"render", "POST", "/api/render", mix.what_if(i, true), 200};
    };
    std::printf("%8s %10s\n", "renders", "RSS MiB");
    for (long done = 0; done < total;) {
      const long next = std::min(total, done + o.sample_every);
      drive(server, o.connections, done, next, make, stats);
      done = next;
      const long rss = server.rss_kib();
      rss_peak = std::max(rss_peak, rss);
      if (done <= warmup) rss_warm = rss;
      std::printf("%8ld %10.1f\n", done, rss / 1024.0);
      std::fflush(stdout);
    }
  } else {
    auto make = [&](long i) { return mix.next(i); };
    drive(server, o.connections, 0, warmup, make, stats);
    rss_warm = server.rss_kib();
    drive(server, o.connections, warmup, total, make, stats);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const long rss_end = server.rss_kib();
  rss_peak = std::max(rss_peak, rss_end);

  // Still serving: the model answer is unchanged and a normal what-if is answered.
  bool serving = server.alive();
  if (serving) {
    auto after = probe.Get("/api/model");
    auto sim = probe.Post("/api/simulate", mix.what_if(1, false), "application/json");
    serving =
        after && after->status == 200 && after->body == model->body && sim && sim->status == 200;
  }

  print_latencies(stats, seconds);
  const double growth_mib = (rss_end - rss_warm) / 1024.0;
  std::printf(
      "RSS: start %.1f MiB, after warm-up (%ld) %.1f MiB, end %.1f MiB, peak %.1f MiB; "
      "growth after warm-up %.1f MiB (limit %.1f)\n",
      rss_start / 1024.0, warmup, rss_warm / 1024.0, rss_end / 1024.0, rss_peak / 1024.0,
      growth_mib, o.max_growth_mib);
  std::printf("still serving afterwards: %s\n", serving ? "yes" : "NO");
  const int status = server.stop();
  const bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  std::printf("stopped by SIGTERM: %s\n", clean ? "exit 0" : "NOT CLEANLY");
  const bool ok = stats.failed == 0 && serving && clean && growth_mib <= o.max_growth_mib;
  std::printf("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
