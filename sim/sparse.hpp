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

}  // namespace orgsim::sim
