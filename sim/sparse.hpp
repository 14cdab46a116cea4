#pragma once
// Internal to sim/: the one bridge from the org graph to an Eigen sparse matrix.
// Only sim/*.cpp include this (Eigen is costly to compile; keep it out of headers
// other folders see).

#include <Eigen/SparseCore>

#include "model/org_graph.hpp"

namespace orgsim::sim {

/// Row-major, so row i lists what role i depends on and A q is a pass over rows.
using SparseRowMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor, int>;

/// A[i][j] = weight of "role i depends on role j". Time complexity: O(E log E).
SparseRowMatrix dependency_matrix(const model::OrgGraph& graph);

/// How many rows ahead a pass over A's rows asks for the entries of x that row will read.
/// A row's reads of x are scattered (random columns in a random org), and the pass does
/// not know the next rows' columns until it gets there, so without this each row waits
/// for its own cache misses; 16 rows (about 80 reads) ahead lets them overlap. Measured
/// on the random 1M org against a plain pass timed at the same moment: a dynamic step
/// went from 1.4-1.5 passes to 0.9-1.0, a Gauss-Seidel sweep from 1.35-1.4 to 1.1-1.2
/// (docs/performance.md). Only a hint: no result changes by a bit.
constexpr int kPrefetchRows = 16;

/// Asks for x's entries that `row` of (outer, inner) reads, if row < end.
inline void prefetch_row(const int* outer, const int* inner, const double* x, int row, int end) {
  if (row >= end) return;
  for (int e = outer[row]; e < outer[row + 1]; ++e) __builtin_prefetch(x + inner[e]);
}

}  // namespace orgsim::sim
