#include "sim/sparse.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace orgsim::sim {

// Built directly in compressed row form by a counting sort on the rows: O(E),
// where Eigen's setFromTriplets sorts twice (0.5 s at 5M dependencies).
SparseRowMatrix dependency_matrix(const model::OrgGraph& graph) {
  const auto n = static_cast<int>(graph.role_count());
  const auto& deps = graph.dependencies();
  SparseRowMatrix a(n, n);
  a.resizeNonZeros(static_cast<Eigen::Index>(deps.size()));
  int* outer = a.outerIndexPtr();
  int* inner = a.innerIndexPtr();
  double* value = a.valuePtr();
  std::fill(outer, outer + n + 1, 0);
  for (const auto& d : deps) ++outer[d.role.value + 1];
  std::partial_sum(outer, outer + n + 1, outer);
  std::vector<int> next(outer, outer + n);
  for (const auto& d : deps) {
    int slot = next[d.role.value]++;
    inner[slot] = static_cast<int>(d.depends_on.value);
    value[slot] = d.weight;
  }
  // Columns sorted inside each row, as Eigen expects of a compressed matrix. Rows are
  // short (a handful of dependencies), so an insertion sort on pairs is cheapest.
  for (int r = 0; r < n; ++r) {
    for (int i = outer[r] + 1; i < outer[r + 1]; ++i) {
      int col = inner[i];
      double w = value[i];
      int j = i - 1;
      for (; j >= outer[r] && inner[j] > col; --j) {
        inner[j + 1] = inner[j];
        value[j + 1] = value[j];
      }
      inner[j + 1] = col;
      value[j + 1] = w;
    }
  }
  return a;
}

}  // namespace orgsim::sim
