// Yen's k-shortest simple paths over -log(weight) lengths: the search behind
// impact paths and feedback loops.
#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "common/errors.hpp"
#include "sim/path_checks.hpp"
#include "sim/paths.hpp"

namespace orgsim::sim {

using detail::check_count;
using detail::check_role;
using detail::keep_best;
using detail::number;

namespace {

using Vertex = std::uint32_t;
using EdgeIndex = std::uint32_t;
using Csr =
    boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                       boost::no_property, boost::no_property, Vertex, EdgeIndex>;
using CsrEdge = boost::graph_traits<Csr>::edge_descriptor;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr EdgeIndex kNoEdge = std::numeric_limits<EdgeIndex>::max();
// The label of an edge between two roles. An edge into the end node carries the
// label of the searches it serves: kCustomerEdge, or the source whose loop it closes.
constexpr std::uint32_t kRoleEdge = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kCustomerEdge = kRoleEdge - 1;
// Lengths within this much of the k-th path's (a relative difference of 1e-9 in
// gain) count as tied with it, so rounding in the -log sums cannot decide which paths
// make the list: the tied ones are all collected and ranked by their exact products.
constexpr double kTieTolerance = 1e-9;
// At most this many paths beyond k are collected to settle ties for the k-th place
// (beyond that, which of the tied paths make the list depends on the search order).
constexpr std::size_t kMaxExtraTies = 64;
// Yen searches for a detour at every role of each accepted path: on a path of L
// roles that is L searches, which never ends for a chain a million roles deep
// (tests/cli/hostile_scale_test.cpp). Detours are searched from the first
// kMaxSpurRoles roles of a path only; the strongest path is always exact, and a
// detour leaving a path after its 256th role would carry a product of 256 weights.
constexpr std::size_t kMaxSpurRoles = 256;

// A path of weight products needs every factor in [0, 1]: -log(x) >= 0 is what
// lets Dijkstra settle a role for good.
void check_weights(const model::OrgGraph& graph) {
  for (const model::Dependency& d : graph.dependencies()) {
    assert(d.role.value < graph.role_count() && d.depends_on.value < graph.role_count());
    if (!(d.weight >= 0.0 && d.weight <= 1.0)) {
      throw InvalidArgument("weight of the dependency of '" + graph.role(d.role).id + "' on '" +
                            graph.role(d.depends_on).id + "' must be in [0, 1], got " +
                            number(d.weight));
    }
  }
  for (const model::Role& r : graph.roles()) {
    if (!(r.touchpoint >= 0.0 && r.touchpoint <= 1.0)) {
      throw InvalidArgument("touchpoint weight of role '" + r.id + "' must be in [0, 1], got " +
                            number(r.touchpoint));
    }
  }
}

// A found path: nodes[0] is the source, nodes.back() the end node, and edges[t]
// joins nodes[t] to nodes[t + 1].
struct FoundPath {
  std::vector<Vertex> nodes;
  std::vector<EdgeIndex> edges;
  double length = 0.0;        // sum of -log(weight) over `edges`, summed from the source
  std::size_t deviation = 0;  // Lawler: spurs before this index were taken from its parent
};

struct ShorterFirst {
  bool operator()(const FoundPath& a, const FoundPath& b) const {
    return std::tie(a.length, a.nodes) < std::tie(b.length, b.nodes);
  }
};

// Per-vertex Dijkstra state that starts each search fresh in O(1): a slot counts
// only if its stamp is the current search's, so nothing is cleared between searches.
class Scratch {
 public:
  struct Slot {
    double distance = kInfinity;
    boost::default_color_type color = boost::white_color;
    EdgeIndex pred = kNoEdge;
  };
  explicit Scratch(std::size_t vertices) : stamp_(vertices, 0), slot_(vertices) {}

  void next_search() {
    if (++now_ == 0) {  // wrapped after 2^32 searches: clear once
      std::fill(stamp_.begin(), stamp_.end(), 0);
      now_ = 1;
    }
  }
  /// v's state in the current search (a fresh slot if the search has not reached v).
  Slot get(Vertex v) const { return stamp_[v] == now_ ? slot_[v] : Slot{}; }
  Slot& set(Vertex v) {
    if (stamp_[v] != now_) {
      stamp_[v] = now_;
      slot_[v] = Slot{};
    }
    return slot_[v];
  }

 private:
  std::vector<std::uint32_t> stamp_;
  std::vector<Slot> slot_;
  std::uint32_t now_ = 0;
};

// Boost property maps over Scratch (read-write, keyed by vertex).
struct DistanceMap {
  using key_type = Vertex;
  using value_type = double;
  using reference = double;
  using category = boost::read_write_property_map_tag;
  Scratch* scratch = nullptr;
  friend double get(const DistanceMap& m, Vertex v) { return m.scratch->get(v).distance; }
  friend void put(const DistanceMap& m, Vertex v, double d) { m.scratch->set(v).distance = d; }
};

struct ColorMap {
  using key_type = Vertex;
  using value_type = boost::default_color_type;
  using reference = boost::default_color_type;
  using category = boost::read_write_property_map_tag;
  Scratch* scratch = nullptr;
  friend value_type get(const ColorMap& m, Vertex v) { return m.scratch->get(v).color; }
  friend void put(const ColorMap& m, Vertex v, value_type c) { m.scratch->set(v).color = c; }
};

// Thrown by the visitor to end a Dijkstra search early (Boost's documented way).
struct StopSearch {};

// Yen's k shortest simple paths (with Lawler's deviation-index saving) on the org
// graph plus one end node, over lengths -log(weight). Built once per call; each
// run() is one source.
//
// Time complexity of run(): Yen makes at most (k + ties) x L spur searches (L =
// roles on the longest path accepted), each a Dijkstra of O((V + E) log V) in the
// worst case, so O(k L (V + E) log V); plus O((V + E) log V) for h when the label
// changes. In practice a spur search settles a few times the roles of the path.
//
// Each spur search is boost::dijkstra_shortest_paths_no_init on a filtered_graph
// that hides the root path's roles, the removed edges and every role with no path
// to the end. It stops as soon as the end node is settled, or once every remaining
// distance exceeds what could still make the list. Distances, colours and
// predecessors live in Scratch, so a search costs only what it visits, except
// that Boost allocates and zero-fills its heap-position array (one size_t per
// vertex) on every call.
//
// The searches are goal-directed (A*): one reverse Dijkstra from the end node per
// label gives h(v), the exact distance from v to the end in the whole graph, and
// the spur searches use the reduced lengths l(u,v) + h(v) - h(u) >= 0. Hiding roles
// and edges only lengthens distances, so h stays a consistent lower bound and the
// paths found are the same; but a spur search now settles little more than the
// path it finds instead of every role closer than the end node. h also replaces a
// reverse breadth-first search for "has a path to the end" (h finite). Measured
// with BM_StrongestPathsTop5 (bench/paths_bench.cpp, 100k roles, Release, graph
// build included): layered org 323 ms without h, 80 ms with it; uniformly random
// org 70 ms without, 92 ms with (its plain searches were already small, and the
// reverse Dijkstra costs more than it saves there). Boost.Graph was kept over a
// hand-written Dijkstra: with the filters and stamped maps it was not the bottleneck.
class KShortest {
 public:
  KShortest(const model::OrgGraph& graph, std::span<const model::RoleId> sources, PathEnd end);

  /// Up to k shortest simple paths from `source` to the end node over the end edges
  /// labelled `label`, shortest first, plus any tied with the k-th.
  std::vector<FoundPath> run(Vertex source, std::uint32_t label, std::size_t k);

  double weight(EdgeIndex e) const { return weight_[e]; }

  /// h(v) over the end edges labelled `label`: -log of the largest gain x end weight
  /// of any path from v to the end (+inf: none). Computed once per label.
  double distance_to_end(Vertex v, std::uint32_t label) {
    compute_potential(label);
    return potential_[v];
  }

 private:
  friend struct EdgeFilter;
  friend struct VertexFilter;
  friend class SpurVisitor;

  void add_edges(const model::OrgGraph& graph, std::span<const model::RoleId> sources, PathEnd end);
  void compute_potential(std::uint32_t label);
  void next_block();
  std::optional<FoundPath> shortest_from(Vertex spur, double bound);
  void add_spurs(const FoundPath& path, const std::vector<FoundPath>& accepted,
                 std::set<FoundPath, ShorterFirst>& candidates, std::set<std::vector<Vertex>>& seen,
                 std::size_t k, double cutoff);
  double length_of(const std::vector<EdgeIndex>& edges) const;

  bool vertex_allowed(Vertex v) const {
    return potential_[v] < kInfinity && blocked_[v] != block_now_;
  }
  bool edge_allowed(EdgeIndex e) const {
    return removed_[e] != block_now_ && (label_[e] == kRoleEdge || label_[e] == active_label_);
  }

  Vertex end_ = 0;
  Csr csr_;
  // By edge index (the order of the sorted edge list the CSR was built from).
  std::vector<Vertex> from_, to_;
  std::vector<std::uint32_t> label_;
  std::vector<double> weight_, length_;

  Scratch scratch_;
  // h(v): distance from v to the end node over the edges of active_label_ (+inf:
  // no path); the end node's is 0.
  std::vector<double> potential_;
  std::vector<std::uint32_t> blocked_, removed_;
  std::uint32_t block_now_ = 0;
  std::uint32_t active_label_ = kRoleEdge;  // kRoleEdge: no potential computed yet
  // The current spur search: give up beyond this reduced distance.
  double reduced_bound_ = kInfinity;
  bool reached_end_ = false;
};

struct EdgeFilter {
  const KShortest* search = nullptr;
  bool operator()(const CsrEdge& e) const { return search->edge_allowed(e.idx); }
};

// The edges of one search: role edges and the end edges with its label.
struct LabelFilter {
  const std::vector<std::uint32_t>* labels = nullptr;
  std::uint32_t label = kRoleEdge;
  bool operator()(const CsrEdge& e) const {
    return (*labels)[e.idx] == kRoleEdge || (*labels)[e.idx] == label;
  }
};

struct VertexFilter {
  const KShortest* search = nullptr;
  bool operator()(Vertex v) const { return search->vertex_allowed(v); }
};

class SpurVisitor : public boost::default_dijkstra_visitor {
 public:
  explicit SpurVisitor(KShortest* search) : search_(search) {}
  template <class Graph>
  void examine_vertex(Vertex u, const Graph&) const {
    if (u == search_->end_) {
      search_->reached_end_ = true;
      throw StopSearch{};
    }
    if (search_->scratch_.get(u).distance > search_->reduced_bound_) throw StopSearch{};
  }
  template <class Graph>
  void edge_relaxed(const CsrEdge& e, const Graph&) const {
    search_->scratch_.set(search_->to_[e.idx]).pred = e.idx;
  }

 private:
  KShortest* search_;
};

KShortest::KShortest(const model::OrgGraph& graph, std::span<const model::RoleId> sources,
                     PathEnd end)
    : end_(static_cast<Vertex>(graph.role_count())), scratch_(graph.role_count() + 1) {
  add_edges(graph, sources, end);
  const std::size_t vertices = graph.role_count() + 1;
  potential_.assign(vertices, kInfinity);
  blocked_.assign(vertices, 0);
  removed_.assign(from_.size(), 0);
}

// Collects the role edges (j -> i for "i depends on j") and the end edges, sorts
// them by (from, to, label), merges parallel ones by summing, and builds the CSR
// with edge index = position in that order.
void KShortest::add_edges(const model::OrgGraph& graph, std::span<const model::RoleId> sources,
                          PathEnd end) {
  struct RawEdge {
    Vertex from, to;
    std::uint32_t label;
    double weight;
  };
  std::vector<RawEdge> raw;
  raw.reserve(graph.dependencies().size() + graph.role_count() / 8);
  std::vector<char> is_source(graph.role_count(), 0);
  for (model::RoleId s : sources) is_source[s.value] = 1;
  for (const model::Dependency& d : graph.dependencies()) {
    if (d.weight <= 0.0 || d.role == d.depends_on) continue;  // no flow; not on a simple path
    raw.push_back({d.depends_on.value, d.role.value, kRoleEdge, d.weight});
    if (end == PathEnd::kSource && is_source[d.role.value]) {
      raw.push_back({d.depends_on.value, end_, d.role.value, d.weight});
    }
  }
  if (end == PathEnd::kCustomer) {
    for (std::uint32_t i = 0; i < graph.role_count(); ++i) {
      const double w = graph.roles()[i].touchpoint;
      if (w > 0.0) raw.push_back({i, end_, kCustomerEdge, w});
    }
  }
  // Sort by (from, to, label): a counting sort by `from`, then each (short) row.
  std::vector<std::size_t> start(end_ + 2, 0);
  for (const RawEdge& r : raw) ++start[r.from + 1];
  for (Vertex v = 0; v <= end_; ++v) start[v + 1] += start[v];
  {
    std::vector<RawEdge> sorted(raw.size());
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (const RawEdge& r : raw) sorted[next[r.from]++] = r;
    raw = std::move(sorted);
  }
  for (Vertex v = 0; v <= end_; ++v) {
    std::sort(raw.begin() + static_cast<std::ptrdiff_t>(start[v]),
              raw.begin() + static_cast<std::ptrdiff_t>(start[v + 1]),
              [](const RawEdge& a, const RawEdge& b) {
                return std::tie(a.to, a.label) < std::tie(b.to, b.label);
              });
  }
  // Already in CSR order, which Boost's (stable) bucket sort by source keeps.
  std::vector<std::pair<Vertex, Vertex>> pairs;
  pairs.reserve(raw.size());
  for (std::size_t e = 0; e < raw.size(); ++e) {
    const RawEdge& r = raw[e];
    if (!pairs.empty() && from_.back() == r.from && to_.back() == r.to &&
        label_.back() == r.label) {
      weight_.back() += r.weight;
      if (weight_.back() > 1.0) {
        throw InvalidArgument("the dependencies of '" + graph.role(model::RoleId(r.to)).id +
                              "' on '" + graph.role(model::RoleId(r.from)).id +
                              "' add up to weight " + number(weight_.back()) +
                              ", which must be in [0, 1]");
      }
      continue;
    }
    pairs.emplace_back(r.from, r.to);
    from_.push_back(r.from);
    to_.push_back(r.to);
    label_.push_back(r.label);
    weight_.push_back(r.weight);
  }
  length_.resize(weight_.size());
  for (std::size_t e = 0; e < weight_.size(); ++e) length_[e] = -std::log(weight_[e]);
  csr_ = Csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), end_ + 1);
#ifndef NDEBUG
  for (Vertex v = 0; v <= end_; ++v) {
    auto [e, last] = boost::out_edges(v, csr_);
    for (; e != last; ++e) assert(from_[e->idx] == v && to_[e->idx] == boost::target(*e, csr_));
  }
#endif
}

// h for one label: Dijkstra from the end node on the reversed graph of the edges
// with that label. O((V + E) log V); once per label.
void KShortest::compute_potential(std::uint32_t label) {
  if (active_label_ == label) return;
  active_label_ = label;
  using Filtered = boost::filtered_graph<Csr, LabelFilter>;
  const Filtered filtered(csr_, LabelFilter{&label_, label});
  const auto reversed = boost::make_reverse_graph(filtered);
  boost::dijkstra_shortest_paths(
      reversed, end_,
      boost::distance_map(boost::make_iterator_property_map(potential_.data(),
                                                            boost::get(boost::vertex_index, csr_)))
          .weight_map(boost::make_iterator_property_map(length_.data(),
                                                        boost::get(boost::edge_index, reversed)))
          .vertex_index_map(boost::get(boost::vertex_index, csr_))
          .distance_inf(kInfinity)
          .distance_zero(0.0));
}

void KShortest::next_block() {
  if (++block_now_ == 0) {
    std::fill(blocked_.begin(), blocked_.end(), 0);
    std::fill(removed_.begin(), removed_.end(), 0);
    block_now_ = 1;
  }
}

double KShortest::length_of(const std::vector<EdgeIndex>& edges) const {
  double sum = 0.0;
  for (EdgeIndex e : edges) sum += length_[e];
  return sum;
}

// Dijkstra (A*, over reduced lengths) from `spur` to the end node on the graph as
// filtered now, giving up beyond length `bound`. The result's length and deviation
// are left for the caller.
std::optional<FoundPath> KShortest::shortest_from(Vertex spur, double bound) {
  using Filtered = boost::filtered_graph<Csr, EdgeFilter, VertexFilter>;
  const Filtered g(csr_, EdgeFilter{this}, VertexFilter{this});
  // Rounding can make a reduced length a hair below 0, which Dijkstra rejects.
  auto reduced = [this](const CsrEdge& e) {
    return std::max(0.0, length_[e.idx] + potential_[to_[e.idx]] - potential_[from_[e.idx]]);
  };
  scratch_.next_search();
  scratch_.set(spur).distance = 0.0;
  reduced_bound_ = bound - potential_[spur];
  reached_end_ = false;
  try {
    boost::dijkstra_shortest_paths_no_init(
        g, spur, boost::dummy_property_map(), DistanceMap{&scratch_},
        boost::make_function_property_map<CsrEdge, double>(reduced),
        boost::get(boost::vertex_index, csr_), std::less<double>(), std::plus<double>(), 0.0,
        SpurVisitor(this), ColorMap{&scratch_});
  } catch (const StopSearch&) {
  }
  if (!reached_end_) return std::nullopt;
  FoundPath path;
  for (Vertex v = end_; v != spur; v = from_[path.edges.back()]) {
    path.edges.push_back(scratch_.get(v).pred);
    assert(path.edges.back() != kNoEdge);
  }
  std::reverse(path.edges.begin(), path.edges.end());
  path.nodes.reserve(path.edges.size() + 1);
  path.nodes.push_back(spur);
  for (EdgeIndex e : path.edges) path.nodes.push_back(to_[e]);
  return path;
}

// Yen's step: every path that leaves `path` at one of its nodes (the spur), keeping
// the prefix before it (the root), avoiding the root's roles and the next edge of
// every accepted path with the same root.
void KShortest::add_spurs(const FoundPath& path, const std::vector<FoundPath>& accepted,
                          std::set<FoundPath, ShorterFirst>& candidates,
                          std::set<std::vector<Vertex>>& seen, std::size_t k, double cutoff) {
  double root_length = 0.0;
  for (std::size_t i = 0; i < path.deviation; ++i) root_length += length_[path.edges[i]];
  const std::size_t last = std::min(path.nodes.size(), kMaxSpurRoles + 1);
  for (std::size_t i = path.deviation; i + 1 < last; ++i) {
    // Only candidates short enough to be accepted are worth finding: once `need`
    // more paths are due and that many candidates exist, the need-th bounds them.
    double limit = cutoff;
    const std::size_t need = accepted.size() < k ? k - accepted.size() : 0;
    if (need > 0 && candidates.size() >= need) {
      limit = std::next(candidates.begin(), static_cast<std::ptrdiff_t>(need - 1))->length +
              kTieTolerance;
    }
    next_block();
    for (std::size_t t = 0; t < i; ++t) blocked_[path.nodes[t]] = block_now_;
    for (const FoundPath& p : accepted) {
      if (p.nodes.size() > i + 1 &&
          std::equal(p.nodes.begin(), p.nodes.begin() + i + 1, path.nodes.begin())) {
        removed_[p.edges[i]] = block_now_;
      }
    }
    if (std::optional<FoundPath> spur = shortest_from(path.nodes[i], limit - root_length)) {
      FoundPath c;
      c.nodes.assign(path.nodes.begin(), path.nodes.begin() + i);
      c.nodes.insert(c.nodes.end(), spur->nodes.begin(), spur->nodes.end());
      c.edges.assign(path.edges.begin(), path.edges.begin() + i);
      c.edges.insert(c.edges.end(), spur->edges.begin(), spur->edges.end());
      c.length = length_of(c.edges);
      c.deviation = i;
      if (seen.insert(c.nodes).second) candidates.insert(std::move(c));
    }
    root_length += length_[path.edges[i]];
  }
}

std::vector<FoundPath> KShortest::run(Vertex source, std::uint32_t label, std::size_t k) {
  compute_potential(label);
  if (potential_[source] == kInfinity) return {};
  next_block();
  std::optional<FoundPath> first = shortest_from(source, kInfinity);
  if (!first) return {};
  first->length = length_of(first->edges);
  std::vector<FoundPath> accepted{std::move(*first)};
  std::set<FoundPath, ShorterFirst> candidates;
  std::set<std::vector<Vertex>> seen{accepted.front().nodes};
  // Once k paths are in, keep taking those tied with the longest of them.
  double cutoff = k == 1 ? accepted.front().length + kTieTolerance : kInfinity;
  const std::size_t most = k + std::min(kMaxExtraTies, std::numeric_limits<std::size_t>::max() - k);
  while (accepted.size() < most) {
    add_spurs(accepted.back(), accepted, candidates, seen, k, cutoff);
    if (candidates.empty() || candidates.begin()->length > cutoff) break;
    accepted.push_back(std::move(candidates.extract(candidates.begin()).value()));
    if (accepted.size() == k) {
      double longest = 0.0;
      for (const FoundPath& p : accepted) longest = std::max(longest, p.length);
      cutoff = longest + kTieTolerance;
    }
  }
  return accepted;
}

}  // namespace

namespace {

RolePath role_path(const KShortest& search, const FoundPath& p) {
  RolePath r;
  r.roles.reserve(p.edges.size());
  r.gain = 1.0;
  for (std::size_t t = 0; t + 1 < p.nodes.size(); ++t) {
    r.roles.push_back(model::RoleId(p.nodes[t]));
    if (t + 2 < p.nodes.size()) r.gain *= search.weight(p.edges[t]);
  }
  r.end_weight = search.weight(p.edges.back());
  return r;
}

}  // namespace

std::vector<std::pair<std::size_t, RolePath>> strongest_paths_to_customer(
    const model::OrgGraph& graph, std::span<const model::RoleId> sources,
    std::span<const double> scales, std::size_t k) {
  check_count(k, "k");
  for (model::RoleId s : sources) check_role(graph, s, "source");
  check_weights(graph);
  std::vector<std::pair<std::size_t, RolePath>> out;
  if (sources.empty()) return out;
  KShortest search(graph, sources, PathEnd::kCustomer);
  // A source's strongest path carries scale x exp(-h(source)), and no other path from it
  // carries more: sources are taken by that bound, strongest first.
  std::vector<std::pair<double, std::size_t>> order;
  order.reserve(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const double h = search.distance_to_end(sources[i].value, kCustomerEdge);
    if (h < kInfinity && scales[i] > 0.0) order.emplace_back(scales[i] * std::exp(-h), i);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  // Values of the paths kept so far, to know the k-th best.
  std::vector<double> values;
  for (const auto& [bound, i] : order) {
    if (values.size() >= k) {
      std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k - 1),
                       values.end(), std::greater<>());
      // Every path of this source (and of the rest) carries at most `bound`: below the
      // k-th best, none can make the list. The margin covers rounding between
      // exp(-h) and the product of the weights; ties are still searched.
      if (bound * (1.0 + 1e-9) < values[k - 1]) break;
    }
    std::vector<RolePath> found;
    for (const FoundPath& p : search.run(sources[i].value, kCustomerEdge, k)) {
      found.push_back(role_path(search, p));
    }
    keep_best(found, k, [](const RolePath& r) { return r.gain * r.end_weight; });
    for (RolePath& r : found) {
      values.push_back(scales[i] * r.gain * r.end_weight);
      out.emplace_back(i, std::move(r));
    }
  }
  return out;
}

std::vector<std::vector<RolePath>> strongest_paths(const model::OrgGraph& graph,
                                                   std::span<const model::RoleId> sources,
                                                   PathEnd end, std::size_t k) {
  check_count(k, "k");
  for (model::RoleId s : sources) check_role(graph, s, "source");
  check_weights(graph);
  std::vector<std::vector<RolePath>> out(sources.size());
  if (sources.empty()) return out;
  KShortest search(graph, sources, end);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Vertex s = sources[i].value;
    for (const FoundPath& p : search.run(s, end == PathEnd::kCustomer ? kCustomerEdge : s, k)) {
      out[i].push_back(role_path(search, p));
    }
    keep_best(out[i], k, [](const RolePath& r) { return r.gain * r.end_weight; });
  }
  return out;
}

}  // namespace orgsim::sim
