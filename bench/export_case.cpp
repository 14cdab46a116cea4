// Writes one generated case to a folder so bench/scipy_peer.py can solve the same
// system with SciPy and compare numbers and times:
//   A.mtx (Matrix Market, 1-based), c.txt, recovery.txt, q_static.txt, q_dynamic.txt,
//   orgsim_times.txt (seconds for the static solve and for 100 dynamic steps).
// Usage: orgsim_bench_export ROLES hierarchical|random OUT_DIR
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "model/synthetic.hpp"
#include "sim/engine.hpp"
#include "sim/static_solver.hpp"

namespace {

void write_vector(const std::filesystem::path& path, std::span<const double> v) {
  std::ofstream out(path);
  char buf[40];
  for (double x : v) {
    std::snprintf(buf, sizeof buf, "%.17g\n", x);
    out << buf;
  }
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: orgsim_bench_export ROLES hierarchical|random OUT_DIR\n";
    return 2;
  }
  orgsim::model::SyntheticSpec spec;
  spec.roles = std::strtoul(argv[1], nullptr, 10);
  spec.departments = 20;
  spec.seed = 42;
  spec.shape = std::string(argv[2]) == "random" ? orgsim::model::SyntheticShape::kUniformRandom
                                                : orgsim::model::SyntheticShape::kHierarchical;
  std::filesystem::path dir = argv[3];
  std::filesystem::create_directories(dir);
  const auto g = orgsim::model::make_synthetic(spec);

  orgsim::model::Failure f;
  f.role = orgsim::model::RoleId(static_cast<std::uint32_t>(g.role_count() - 1));
  f.degrade = 0.5;
  std::vector<orgsim::model::Failure> failures{f};
  auto c = orgsim::sim::perturbation_at(g, failures, 0);

  auto t0 = std::chrono::steady_clock::now();
  auto solution = orgsim::sim::solve_static(g, c);
  const double static_s = seconds_since(t0);

  t0 = std::chrono::steady_clock::now();
  orgsim::sim::Engine engine(g, failures, {});
  for (int k = 0; k < 100; ++k) engine.step();
  const double dynamic_s = seconds_since(t0);

  {
    std::ofstream a(dir / "A.mtx");
    a << "%%MatrixMarket matrix coordinate real general\n";
    a << g.role_count() << " " << g.role_count() << " " << g.dependencies().size() << "\n";
    char buf[80];
    for (const auto& d : g.dependencies()) {
      std::snprintf(buf, sizeof buf, "%u %u %.17g\n", d.role.value + 1, d.depends_on.value + 1,
                    d.weight);
      a << buf;
    }
  }
  std::vector<double> recovery;
  for (const auto& r : g.roles()) recovery.push_back(r.recovery);
  write_vector(dir / "c.txt", c);
  write_vector(dir / "recovery.txt", recovery);
  write_vector(dir / "q_static.txt", solution.q);
  write_vector(dir / "q_dynamic.txt", engine.state());
  std::ofstream(dir / "orgsim_times.txt") << static_s << " " << dynamic_s << "\n";
  std::cout << "roles " << g.role_count() << " edges " << g.dependencies().size()
            << " largest_loop " << solution.largest_loop << " static_s " << static_s
            << " dynamic100_s " << dynamic_s << "\n";
  return 0;
}
