#include "viz/grid_layout.hpp"

#include <gtest/gtest.h>

namespace orgsim::viz {
namespace {

bool overlap(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

Box box_of(const GridNode& n, const Point& c) {
  return {c.x - n.width / 2, c.y - n.height / 2, c.x + n.width / 2, c.y + n.height / 2};
}

// Ten departments of three roles at layers 3, 2, 1, and a CX node.
struct Org {
  std::vector<GridNode> nodes;
  std::vector<GridBlock> blocks;
  std::vector<GridEdge> edges;
};

Org ten_departments() {
  Org o;
  for (int b = 0; b < 10; ++b) {
    o.blocks.push_back({120, 24});
    for (int l = 3; l >= 1; --l) o.nodes.push_back({150, 40, l, b});
  }
  o.nodes.push_back({160, 70, 0, -1});
  for (std::size_t i = 2; i < 30; i += 3) o.edges.push_back({i, 30, 1.0});
  return o;
}

TEST(GridLayoutTest, NothingOverlapsAndBlocksHoldTheirNodes) {
  Org o = ten_departments();
  GridPlacement p = place_in_grid(o.nodes, o.blocks, o.edges);
  ASSERT_EQ(p.centres.size(), o.nodes.size());
  for (std::size_t i = 0; i < o.nodes.size(); ++i) {
    for (std::size_t j = i + 1; j < o.nodes.size(); ++j) {
      EXPECT_FALSE(overlap(box_of(o.nodes[i], p.centres[i]), box_of(o.nodes[j], p.centres[j])))
          << i << " and " << j;
    }
    if (o.nodes[i].block >= 0) {
      const Box& b = p.blocks[static_cast<std::size_t>(o.nodes[i].block)];
      Box n = box_of(o.nodes[i], p.centres[i]);
      EXPECT_TRUE(n.x0 >= b.x0 && n.x1 <= b.x1 && n.y0 >= b.y0 && n.y1 <= b.y1) << i;
    }
  }
  for (std::size_t a = 0; a < p.blocks.size(); ++a) {
    for (std::size_t b = a + 1; b < p.blocks.size(); ++b) {
      EXPECT_FALSE(overlap(p.blocks[a], p.blocks[b])) << a << " and " << b;
    }
  }
}

TEST(GridLayoutTest, FlowsLeftToRightAndCxComesLast) {
  Org o = ten_departments();
  GridPlacement p = place_in_grid(o.nodes, o.blocks, o.edges);
  for (std::size_t i = 0; i + 1 < 30; ++i) {
    if (o.nodes[i].block == o.nodes[i + 1].block) {
      EXPECT_LT(p.centres[i].x, p.centres[i + 1].x) << "layer order inside a block";
    }
  }
  for (std::size_t i = 0; i < 30; ++i) EXPECT_LT(p.centres[i].x, p.centres[30].x);
}

TEST(GridLayoutTest, FillsAWideScreen) {
  // Stacked in one column this would be about 10 x 100 high and 600 wide;
  // for a 16:9 screen the grid uses several columns and ends up wider than high.
  Org o = ten_departments();
  GridPlacement p = place_in_grid(o.nodes, o.blocks, o.edges);
  double x1 = 0, y0 = 1e9, y1 = -1e9;
  for (const auto& b : p.blocks) {
    x1 = std::max(x1, b.x1);
    y0 = std::min(y0, b.y0);
    y1 = std::max(y1, b.y1);
  }
  EXPECT_GE(p.columns, 3u);
  EXPECT_GT(x1, y1 - y0);
}

TEST(GridLayoutTest, IsDeterministic) {
  Org o = ten_departments();
  GridPlacement a = place_in_grid(o.nodes, o.blocks, o.edges);
  GridPlacement b = place_in_grid(o.nodes, o.blocks, o.edges);
  for (std::size_t i = 0; i < a.centres.size(); ++i) {
    EXPECT_EQ(a.centres[i].x, b.centres[i].x);
    EXPECT_EQ(a.centres[i].y, b.centres[i].y);
  }
}

TEST(GridLayoutTest, EmptyAndLooseNodes) {
  EXPECT_TRUE(place_in_grid({}, {}).centres.empty());
  GridPlacement p = place_in_grid({{50, 20, 2, -1}, {50, 20, 1, -1}}, {});
  EXPECT_LT(p.centres[0].x, p.centres[1].x + 1e-9);
}

}  // namespace
}  // namespace orgsim::viz
