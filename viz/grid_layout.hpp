#pragma once
// The placement behind every orgsim picture: departments as boxes in a grid of
// columns that runs left to right towards the customer, sized to fit a 16:9
// screen. Pure geometry (points, y up, as Graphviz uses): no Graphviz here.
//
// Why not dot's own ranking: with one cluster per department, dot stacks the
// clusters vertically (pictures 2-3x taller than wide), and Graphviz 2.42's
// cluster ranking can crash or hang on such graphs. The renderer measures the
// nodes, places them with place_in_grid() and lets Graphviz only route edges.

#include <cstddef>
#include <vector>

namespace orgsim::viz {

struct GridNode {
  double width = 0, height = 0;  ///< points
  int layer = 1;                 ///< hops to the customer: 0 = the CX node (own last column)
  int block = -1;                ///< index into the blocks, -1 for a node on its own
};

/// An edge between two nodes (indices): blocks are ordered to keep strongly
/// connected blocks level with each other.
struct GridEdge {
  std::size_t from = 0, to = 0;
  double weight = 1.0;
};

/// A department box: its nodes are arranged inside, below its label.
struct GridBlock {
  double label_width = 0, label_height = 0;  ///< points
};

struct GridSpacing {
  double node_gap_x = 70, node_gap_y = 26;     ///< between nodes in a block
  double block_gap_x = 110, block_gap_y = 34;  ///< between blocks (room for edges)
  double padding = 14;                         ///< inside a block's border
  double aspect = 16.0 / 9.0;                  ///< the screen to fill (width / height)
  double header_width = 0, header_height = 0;  ///< the title and legend above the grid
};

struct Point {
  double x = 0, y = 0;
};
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  ///< lower left, upper right
};

struct GridPlacement {
  std::vector<Point> centres;  ///< one per node
  std::vector<Box> blocks;     ///< one per block (empty box for a block with no node)
  std::size_t columns = 0;     ///< block columns used, the CX column included
};

/// Places nodes and blocks: inside a block, nodes stand in sub-columns by layer
/// (farther from the customer on the left, at most ~sqrt(n) per sub-column);
/// blocks are ordered by mean layer and split into the number of columns that
/// fits `spacing.aspect` best; within a column, blocks are sorted by the
/// weighted mean height of their neighbours (a few barycentre sweeps); layer-0
/// nodes get the last column, centred. Nothing overlaps. Deterministic.
/// Time complexity: O(N log N + B^2 + sweeps x (E + B log B)).
GridPlacement place_in_grid(const std::vector<GridNode>& nodes,
                            const std::vector<GridBlock>& blocks,
                            const std::vector<GridEdge>& edges = {},
                            const GridSpacing& spacing = {});

}  // namespace orgsim::viz
