#include "viz/grid_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace orgsim::viz {

namespace {

// A block's nodes laid out relative to the block's top-left corner (y down).
struct Arranged {
  double width = 0, height = 0;
  std::vector<std::pair<std::size_t, Point>> offsets;  // node index, centre (y down)
  double mean_layer = 0;
  std::size_t first = 0;  // first node index, for a stable order
  bool boxed = false;
  int block = -1;
};

Arranged arrange(const std::vector<GridNode>& nodes, const std::vector<std::size_t>& members,
                 const GridBlock* label, const GridSpacing& s) {
  Arranged a;
  a.boxed = label != nullptr;
  a.first = members.front();
  std::vector<std::size_t> order = members;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t l, std::size_t r) { return nodes[l].layer > nodes[r].layer; });
  const std::size_t max_rows = std::max<std::size_t>(
      2, static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(order.size())))));
  std::vector<std::vector<std::size_t>> columns;
  for (std::size_t i : order) {
    if (columns.empty() || columns.back().size() == max_rows ||
        nodes[columns.back().back()].layer != nodes[i].layer) {
      columns.emplace_back();
    }
    columns.back().push_back(i);
  }
  const double pad = a.boxed ? s.padding : 0.0;
  const double top = pad + (a.boxed ? label->label_height + s.node_gap_y / 2 : 0.0);
  double x = pad, content_height = 0;
  for (const auto& col : columns) {
    double col_width = 0, col_height = 0;
    for (std::size_t i : col) {
      col_width = std::max(col_width, nodes[i].width);
      col_height += nodes[i].height;
    }
    col_height += s.node_gap_y * static_cast<double>(col.size() - 1);
    content_height = std::max(content_height, col_height);
    double y = top;
    for (std::size_t i : col) {
      a.offsets.push_back({i, {x + col_width / 2, y + nodes[i].height / 2}});
      y += nodes[i].height + s.node_gap_y;
    }
    x += col_width + s.node_gap_x;
  }
  a.width = x - s.node_gap_x + pad;
  if (a.boxed) a.width = std::max(a.width, label->label_width + 2 * pad);
  a.height = top + content_height + pad;
  double layers = 0;
  for (std::size_t i : members) layers += nodes[i].layer;
  a.mean_layer = layers / static_cast<double>(members.size());
  return a;
}

// Splits `order` into `count` consecutive columns of about equal height.
std::vector<std::vector<std::size_t>> split(const std::vector<Arranged>& blocks,
                                            const std::vector<std::size_t>& order,
                                            std::size_t count, double gap_y) {
  double total = 0;
  for (std::size_t b : order) total += blocks[b].height + gap_y;
  const double target = total / static_cast<double>(count);
  std::vector<std::vector<std::size_t>> columns(1);
  double height = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& b = blocks[order[k]];
    std::size_t left = order.size() - k;  // blocks still to place, this one included
    bool room_for_more_columns = columns.size() < count;
    bool must_break = room_for_more_columns && left <= count - columns.size();
    if (!columns.back().empty() && room_for_more_columns &&
        (height + b.height / 2 > target || must_break)) {
      columns.emplace_back();
      height = 0;
    }
    columns.back().push_back(order[k]);
    height += b.height + gap_y;
  }
  return columns;
}

double column_width(const std::vector<Arranged>& blocks, const std::vector<std::size_t>& col) {
  double w = 0;
  for (std::size_t b : col) w = std::max(w, blocks[b].width);
  return w;
}

double column_height(const std::vector<Arranged>& blocks, const std::vector<std::size_t>& col,
                     double gap_y) {
  double h = 0;
  for (std::size_t b : col) h += blocks[b].height;
  return h + gap_y * static_cast<double>(col.empty() ? 0 : col.size() - 1);
}

}  // namespace

GridPlacement place_in_grid(const std::vector<GridNode>& nodes,
                            const std::vector<GridBlock>& blocks,
                            const std::vector<GridEdge>& edges, const GridSpacing& s) {
  GridPlacement out;
  out.centres.resize(nodes.size());
  out.blocks.resize(blocks.size());
  if (nodes.empty()) return out;

  // Group: one arranged unit per non-empty block, one per loose node; CX apart.
  std::vector<std::vector<std::size_t>> members(blocks.size());
  std::vector<Arranged> units;
  std::vector<std::size_t> sink;  // layer-0 loose nodes
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    int b = nodes[i].block;
    if (b >= 0 && static_cast<std::size_t>(b) < blocks.size()) {
      members[static_cast<std::size_t>(b)].push_back(i);
    } else if (nodes[i].layer <= 0) {
      sink.push_back(i);
    } else {
      units.push_back(arrange(nodes, {i}, nullptr, s));
    }
  }
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (members[b].empty()) continue;
    units.push_back(arrange(nodes, members[b], &blocks[b], s));
    units.back().block = static_cast<int>(b);
  }
  std::vector<std::size_t> order(units.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) {
    if (units[l].mean_layer != units[r].mean_layer)
      return units[l].mean_layer > units[r].mean_layer;
    return units[l].first < units[r].first;
  });

  double sink_width = 0, sink_height = 0;
  for (std::size_t i : sink) {
    sink_width = std::max(sink_width, nodes[i].width);
    sink_height += nodes[i].height + s.node_gap_y;
  }

  // Choose the column count whose picture fits the screen at the largest scale.
  std::vector<std::vector<std::size_t>> best;
  double best_scale = -1;
  for (std::size_t count = 1; count <= std::max<std::size_t>(1, order.size()); ++count) {
    auto columns = order.empty() ? std::vector<std::vector<std::size_t>>{}
                                 : split(units, order, count, s.block_gap_y);
    double w = 0, h = sink_height;
    for (const auto& col : columns) {
      w += column_width(units, col) + s.block_gap_x;
      h = std::max(h, column_height(units, col, s.block_gap_y));
    }
    w += sink_width;
    w = std::max(w, s.header_width);
    h += s.header_height;
    double scale = std::min(s.aspect / w, 1.0 / h);
    if (scale > best_scale * 1.0001) {
      best_scale = scale;
      best = std::move(columns);
    }
    if (order.empty()) break;
  }

  // Order the blocks of each column by the mean height of what they connect to
  // (barycentre sweeps, left to right then back), so paths run level.
  double height = sink_height;
  for (const auto& col : best) height = std::max(height, column_height(units, col, s.block_gap_y));
  std::vector<std::size_t> unit_of(nodes.size(), units.size());  // units.size(): the sink
  for (std::size_t u = 0; u < units.size(); ++u) {
    for (const auto& [node, off] : units[u].offsets) unit_of[node] = u;
  }
  // Node heights (y down from the top) for the current order.
  auto node_depths = [&]() {
    std::vector<double> depth(nodes.size(), height / 2);  // the sink sits in the middle
    for (const auto& col : best) {
      double y = 0;
      for (std::size_t u : col) {
        for (const auto& [node, off] : units[u].offsets) depth[node] = y + off.y;
        y += units[u].height + s.block_gap_y;
      }
    }
    return depth;
  };
  for (int sweep = 0; sweep < 4; ++sweep) {
    for (std::size_t k = 0; k < best.size(); ++k) {
      auto& col = best[sweep % 2 == 0 ? k : best.size() - 1 - k];
      const auto depth = node_depths();
      std::map<std::size_t, std::pair<double, double>> pull;  // unit -> (sum w*y, sum w)
      for (const auto& e : edges) {
        if (e.from >= nodes.size() || e.to >= nodes.size()) continue;
        std::size_t a = unit_of[e.from], b = unit_of[e.to];
        if (a == b) continue;
        pull[a].first += e.weight * depth[e.to];
        pull[a].second += e.weight;
        pull[b].first += e.weight * depth[e.from];
        pull[b].second += e.weight;
      }
      // Blocks connected to nothing outside go to the bottom, in their order.
      std::vector<std::pair<double, std::size_t>> keyed;
      for (std::size_t u : col) {
        auto it = pull.find(u);
        bool pulled = it != pull.end() && it->second.second > 0;
        keyed.push_back(
            {pulled ? it->second.first / it->second.second : std::numeric_limits<double>::max(),
             u});
      }
      std::stable_sort(keyed.begin(), keyed.end(),
                       [](const auto& l, const auto& r) { return l.first < r.first; });
      for (std::size_t i = 0; i < col.size(); ++i) col[i] = keyed[i].second;
    }
  }

  // Coordinates: columns left to right, blocks top to bottom, y up.
  double x = 0;
  for (const auto& col : best) {
    double y = height;  // top of the next block
    for (std::size_t u : col) {
      const auto& unit = units[u];
      for (const auto& [node, off] : unit.offsets) out.centres[node] = {x + off.x, y - off.y};
      if (unit.block >= 0) {
        out.blocks[static_cast<std::size_t>(unit.block)] = {x, y - unit.height, x + unit.width, y};
      }
      y -= unit.height + s.block_gap_y;
    }
    x += column_width(units, col) + s.block_gap_x;
  }
  double y = height / 2 + (sink_height - s.node_gap_y) / 2;
  for (std::size_t i : sink) {
    out.centres[i] = {x + sink_width / 2, y - nodes[i].height / 2};
    y -= nodes[i].height + s.node_gap_y;
  }
  out.columns = best.size() + (sink.empty() ? 0 : 1);
  return out;
}

}  // namespace orgsim::viz
