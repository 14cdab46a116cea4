#include "model/structure.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

namespace orgsim::model {

ComponentOrder strong_components(const OrgGraph& graph) {
  // Compressed rows by a counting sort on the dependent role.
  const std::size_t n = graph.role_count();
  std::vector<int> offsets(n + 1, 0), columns(graph.dependencies().size());
  for (const auto& d : graph.dependencies()) ++offsets[d.role.value + 1];
  for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  std::vector<int> next(offsets.begin(), offsets.end() - 1);
  for (const auto& d : graph.dependencies()) {
    columns[static_cast<std::size_t>(next[d.role.value]++)] = static_cast<int>(d.depends_on.value);
  }
  return strong_components(n, offsets, columns);
}

namespace {

// The giant loop, when there is one: the strongly connected component of a pivot role is
// what reaches the pivot (B) intersected with what the pivot reaches (F), and inside B
// "the pivot reaches it" only needs B's own roles. Both come from sweeps over the rows in
// id order, so the rows stream past instead of being visited one cache miss at a time as
// a depth-first search does (for the uniformly random org, 99% of the roles in one loop,
// that wait is what the search's time went on): B by pulling (a role joins once one of
// its suppliers has), then F by pushing (a role of F not yet pushed marks its suppliers in
// B), so each of F's rows is read once. The sets are bits, 128 KB each at a million roles,
// so they stay in the L2 cache while the rows stream past. Gives up (nothing found) as
// soon as it is clear the pivot's loop cannot hold half the roles, or after kMaxSweeps
// pulling sweeps: a chain that climbs in id order gains only one role per sweep.
class RoleBits {
 public:
  explicit RoleBits(std::size_t n) : words_((n + 63) / 64, 0) {}
  bool has(std::size_t r) const { return (words_[r >> 6] >> (r & 63)) & 1u; }
  void add(std::size_t r) { words_[r >> 6] |= std::uint64_t{1} << (r & 63); }
  std::size_t word_count() const { return words_.size(); }
  std::uint64_t& word(std::size_t k) { return words_[k]; }
  std::uint64_t word(std::size_t k) const { return words_[k]; }

 private:
  std::vector<std::uint64_t> words_;
};

// Calls f(role) for every role of a word's set bits, lowest first.
template <class F>
void for_each_bit(std::uint64_t bits, std::size_t word, F&& f) {
  while (bits) {
    f(word * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
    bits &= bits - 1;
  }
}

struct GiantLoop {
  RoleBits in{0};                    // the roles in the giant loop
  std::vector<std::uint32_t> roles;  // its roles, in id order
  std::vector<int> exits;            // the edges leaving it (their target roles)
};

constexpr int kMaxSweeps = 12;

// The pivot: the role with the most suppliers among up to 4,096 spread over the model (a
// role of a loop holding half the roles is very likely among them; in a random org any
// role would do), so choosing it costs no sweep of its own.
std::uint32_t choose_pivot(std::size_t n, std::span<const int> row_offsets) {
  const std::size_t stride = std::max<std::size_t>(1, n / 4096);
  std::size_t pivot = 0;
  for (std::size_t r = 0; r < n; r += stride) {
    if (row_offsets[r + 1] - row_offsets[r] > row_offsets[pivot + 1] - row_offsets[pivot]) {
      pivot = r;
    }
  }
  return static_cast<std::uint32_t>(pivot);
}

std::optional<GiantLoop> find_giant_loop(std::size_t n, std::span<const int> row_offsets,
                                         std::span<const int> columns) {
  if (n < 2) return std::nullopt;
  const std::uint32_t pivot = choose_pivot(n, row_offsets);
  const std::size_t half = n / 2;
  const auto row = [&](std::size_t r) {
    return std::span<const int>(columns.data() + row_offsets[r],
                                static_cast<std::size_t>(row_offsets[r + 1] - row_offsets[r]));
  };
  // B first, by pulling sweeps: where the pivot's loop is small, B usually is too (what
  // depends on a front-line role), and one sweep tells.
  RoleBits in_b(n);
  in_b.add(pivot);
  std::size_t b_count = 1;
  const std::size_t words = in_b.word_count();
  for (int sweep = 0;; ++sweep) {
    if (sweep == kMaxSweeps) return std::nullopt;
    const std::size_t before = b_count;
    for (std::size_t k = 0; k < words; ++k) {
      std::uint64_t outside = ~in_b.word(k);
      if (k == words - 1 && n % 64 != 0) outside &= (std::uint64_t{1} << (n % 64)) - 1;
      for_each_bit(outside, k, [&](std::size_t r) {
        bool joins = false;  // no early exit: the tests are independent and overlap
        for (int w : row(r)) joins |= in_b.has(static_cast<std::size_t>(w));
        if (joins) {
          in_b.add(r);  // later roles of this sweep see it at once
          ++b_count;
        }
      });
    }
    if (b_count == before) break;
  }
  if (b_count <= half) return std::nullopt;
  // Then what the pivot reaches inside B, by pushing sweeps: the loop itself. A supplier
  // outside B is an exit (every supplier of a loop role that is in B ends up in F).
  GiantLoop g;
  g.in = RoleBits(n);
  RoleBits pushed(n);
  g.in.add(pivot);
  std::size_t in_loop = 1;
  for (;;) {
    const std::size_t before = in_loop;
    for (std::size_t k = 0; k < words; ++k) {
      std::uint64_t todo = g.in.word(k) & ~pushed.word(k);
      while (todo) {
        pushed.word(k) |= todo;
        const std::uint64_t now = todo;
        todo = 0;
        for_each_bit(now, k, [&](std::size_t r) {
          for (int w : row(r)) {
            const auto s = static_cast<std::size_t>(w);
            if (!in_b.has(s)) {
              g.exits.push_back(w);
            } else if (!g.in.has(s)) {
              g.in.add(s);
              ++in_loop;
            }
          }
        });
        // Suppliers in this word just added are pushed before the sweep moves on.
        todo = g.in.word(k) & ~pushed.word(k);
      }
    }
    if (in_loop == before) break;
  }
  if (in_loop <= half) return std::nullopt;
  g.roles.reserve(in_loop);
  for (std::size_t k = 0; k < words; ++k) {
    for_each_bit(g.in.word(k), k,
                 [&](std::size_t r) { g.roles.push_back(static_cast<std::uint32_t>(r)); });
  }
  return g;
}

// Whether most dependencies point from a role to a higher id, judged on up to 4,096 rows
// spread evenly over the roles (enough to tell a direction, and no sweep of its own).
bool mostly_towards_higher_ids(std::size_t n, std::span<const int> row_offsets,
                               std::span<const int> columns) {
  const std::size_t stride = std::max<std::size_t>(1, n / 4096);
  std::int64_t balance = 0;
  for (std::size_t r = 0; r < n; r += stride) {
    for (int e = row_offsets[r]; e < row_offsets[r + 1]; ++e) {
      balance += static_cast<std::size_t>(columns[static_cast<std::size_t>(e)]) > r ? 1 : -1;
    }
  }
  return balance > 0;
}

}  // namespace

// Pearce's one-array variant of Tarjan's algorithm ("A space-efficient algorithm for
// finding strongly connected components", Information Processing Letters 116, 2016),
// iterative (an explicit call stack, so a million-role chain cannot overflow the machine
// stack). One array, rindex, does the work of Tarjan's index, low-link and on-stack
// flag: while a role is being searched it holds its low-link (indices count up from 1),
// and once its component is complete it holds the component's number, which counts
// down from n. Indices are given back as components complete, so every live index stays
// below every component number, and "w is in a finished component" needs no flag of its
// own: rindex[w] is simply too large to lower anyone's low-link. So an edge costs one
// random read (rindex[w]) instead of Tarjan's two or three: on the uniformly random
// 1M-role, 5M-edge graph that is what the time goes on (docs/performance.md). Components
// complete in the same order as in Tarjan's algorithm, so the numbering is the same.
// Hand-written rather than Boost.Graph's strong_components because it runs on the
// matrix's own compressed rows with no copy into a Boost graph. tests/model/
// structure_test.cpp and structure_pearce_test.cpp check it against
// boost::strong_components, number for number.
//
// With a giant loop found first (ComponentSearch::kGiantLoopFirst), the search treats
// the whole loop as one node whose edges are the loop's exits: entering any of its roles
// enters all of them. The loop is a whole component, so that node is always the root of
// its own, and nothing else changes.
ComponentOrder strong_components(std::size_t n, std::span<const int> row_offsets,
                                 std::span<const int> columns, ComponentSearch search) {
  std::optional<GiantLoop> giant;
  if (search == ComponentSearch::kGiantLoopFirst) giant = find_giant_loop(n, row_offsets, columns);
  // rindex[v]: 0 = not visited yet; 1 .. live = a low-link; > live = n - component. The
  // giant loop, as one node, is role n.
  const auto node_of_giant = static_cast<std::uint32_t>(n);
  std::vector<std::uint32_t> rindex(n + 1, 0);
  std::vector<std::uint32_t> stack;  // visited roles whose component is still open
  // level_of[number]: the level of the component with that number (n - its position in
  // completion order), found on the way: 1 + the highest level among the finished
  // components its roles' edges reach. Those are exactly its dependencies, and an edge
  // into one is the only case where the search reads a second array.
  std::vector<std::uint32_t> level_of(n + 1, 0);
  struct Frame {
    std::uint32_t role;
    bool root;            // no edge from role's subtree has reached below its own index
    std::uint32_t level;  // the level this role's edges (and its subtree's) ask for so far
    const int* next;      // the role's edges not yet followed
    const int* end;
  };
  std::vector<Frame> calls;
  auto next_index = std::uint32_t{1};
  // Entering a role: ask for everything its row's edges will read (each neighbour's
  // rindex and row start) at once, so the cache misses overlap instead of coming one
  // after another as the search walks the row.
  auto enter = [&](std::uint32_t v) {
    if (giant && giant->in.has(v)) {
      for (std::uint32_t r : giant->roles) rindex[r] = next_index;
      rindex[node_of_giant] = next_index++;
      const int* exits = giant->exits.data();
      calls.push_back({node_of_giant, true, 0, exits, exits + giant->exits.size()});
      return;
    }
    rindex[v] = next_index++;
    const int* begin = columns.data() + row_offsets[v];
    const int* end = columns.data() + row_offsets[v + 1];
    for (const int* e = begin; e < end; ++e) {
      __builtin_prefetch(&rindex[static_cast<std::size_t>(*e)]);
      __builtin_prefetch(&row_offsets[static_cast<std::size_t>(*e)]);
    }
    calls.push_back({v, true, 0, begin, end});
  };
  auto component = static_cast<std::uint32_t>(n);  // the next component's number, counted down

  // Tarjan's order starts a search at every role in id order. Otherwise the searches
  // start against the grain of the dependencies: where most point to higher ids (a
  // layered org numbered front line first), from the last role down, so that a role's
  // suppliers are mostly finished when it is entered and the search walks the rows
  // nearly in order, one short descent per back edge, instead of one long walk whose
  // every row is a cache miss (docs/performance.md). The components and their levels are
  // the same; only their numbering (still a dependency order) differs.
  const bool downward = search == ComponentSearch::kGiantLoopFirst &&
                        mostly_towards_higher_ids(n, row_offsets, columns);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t start = downward ? static_cast<std::uint32_t>(n) - 1 - i : i;
    if (rindex[start] != 0) continue;
    enter(start);
    while (!calls.empty()) {
      Frame& f = calls.back();
      std::uint32_t low = rindex[f.role];
      bool descended = false;
      while (f.next < f.end) {
        const auto w = static_cast<std::uint32_t>(*f.next++);
        const std::uint32_t rw = rindex[w];
        if (rw == 0) {
          rindex[f.role] = low;
          enter(w);  // invalidates f
          descended = true;
          break;
        }
        if (rw < low) {
          low = rw;
          f.root = false;
        } else if (rw > component) {  // a finished component: a dependency
          f.level = std::max(f.level, level_of[rw] + 1);
        }
      }
      if (descended) continue;
      const std::uint32_t v = f.role;
      const bool root = f.root;
      const std::uint32_t level = f.level;
      calls.pop_back();
      if (root) {
        // v roots a component: it and the roles above it on the stack with a low-link
        // of at least v's index. Its suppliers' components all completed earlier, so
        // numbering in completion order puts dependencies first.
        --next_index;
        while (!stack.empty() && low <= rindex[stack.back()]) {
          rindex[stack.back()] = component;
          stack.pop_back();
          --next_index;
        }
        rindex[v] = component;
        if (v == node_of_giant) {
          for (std::uint32_t r : giant->roles) rindex[r] = component;
        }
        level_of[component] = level;
        // A component number never lowers the caller's low-link; the caller depends on
        // this component.
        if (!calls.empty()) calls.back().level = std::max(calls.back().level, level + 1);
        --component;
        continue;
      }
      rindex[v] = low;
      stack.push_back(v);
      if (!calls.empty()) {
        // v's component is still open and holds its caller: v's needs are the caller's.
        Frame& parent = calls.back();
        parent.level = std::max(parent.level, level);
        if (low < rindex[parent.role]) {
          rindex[parent.role] = low;
          parent.root = false;
        }
      }
    }
  }
  // Completion order from 0: component n - rindex. Counting sort by component number
  // keeps roles in id order inside a component.
  ComponentOrder order;
  const std::uint32_t components = static_cast<std::uint32_t>(n) - component;
  rindex.resize(n);
  for (auto& r : rindex) r = static_cast<std::uint32_t>(n) - r;
  order.component_of_ = std::move(rindex);
  order.levels_.resize(components);
  for (std::uint32_t c = 0; c < components; ++c) order.levels_[c] = level_of[n - c];
  order.offsets_.assign(std::size_t{components} + 1, 0);
  for (std::uint32_t c : order.component_of_) ++order.offsets_[c + 1];
  for (std::size_t c = 0; c < components; ++c) order.offsets_[c + 1] += order.offsets_[c];
  order.roles_.resize(n);
  std::vector<std::uint32_t> next(order.offsets_.begin(), order.offsets_.end() - 1);
  for (std::uint32_t r = 0; r < n; ++r) order.roles_[next[order.component_of_[r]]++] = r;
  return order;
}

namespace {

struct LoopEntry {
  std::uint32_t row, col;  // positions inside the component
  double weight;
};

RadiusBounds bounds_of_loop(std::size_t size, std::span<const LoopEntry> entries,
                            int max_iterations, double tolerance, bool stop_once_decided) {
  // B = A + I is primitive when A is irreducible and non-negative, so power
  // iteration on B converges, and rho(A) = rho(B) - 1. For any positive x,
  // min_i (Bx)_i / x_i <= rho(B) <= max_i (Bx)_i / x_i (Collatz-Wielandt).
  RadiusBounds bounds;
  std::vector<double> x(size, 1.0), y(size);
  for (int it = 1; it <= max_iterations; ++it) {
    y = x;  // the identity part
    for (const auto& e : entries) y[e.row] += e.weight * x[e.col];
    double lo = INFINITY, hi = 0.0, norm = 0.0;
    for (std::size_t i = 0; i < size; ++i) {
      double ratio = y[i] / x[i];
      lo = std::min(lo, ratio);
      hi = std::max(hi, ratio);
      norm = std::max(norm, y[i]);
    }
    bounds = {std::max(0.0, lo - 1.0), hi - 1.0, it};
    const bool decided = bounds.upper < kMaxLoopGain || bounds.lower >= kMaxLoopGain;
    if ((stop_once_decided && decided) || bounds.upper - bounds.lower < tolerance) break;
    for (std::size_t i = 0; i < size; ++i) x[i] = y[i] / norm;
  }
  return bounds;
}

}  // namespace

std::vector<RadiusBounds> spectral_radius_bounds(const OrgGraph& graph, const ComponentOrder& order,
                                                 int max_iterations, double tolerance,
                                                 bool stop_once_decided) {
  const std::size_t count = order.size();
  // Position of each role inside its component.
  std::vector<std::uint32_t> position(graph.role_count());
  for (std::size_t c = 0; c < count; ++c) {
    auto roles = order.roles(c);
    for (std::uint32_t i = 0; i < roles.size(); ++i) position[roles[i]] = i;
  }
  // Bucket the edges that stay inside a component, by component (counting sort).
  std::vector<std::size_t> start(count + 1, 0);
  for (const auto& d : graph.dependencies()) {
    auto c = order.component_of(d.role);
    if (c == order.component_of(d.depends_on)) ++start[c + 1];
  }
  for (std::size_t c = 0; c < count; ++c) start[c + 1] += start[c];
  std::vector<LoopEntry> entries(start[count]);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (const auto& d : graph.dependencies()) {
    auto c = order.component_of(d.role);
    if (c != order.component_of(d.depends_on)) continue;
    entries[next[c]++] = {position[d.role.value], position[d.depends_on.value], d.weight};
  }
  std::vector<RadiusBounds> result(count);
  for (std::size_t c = 0; c < count; ++c) {
    if (!order.is_cyclic(c)) continue;
    std::span<const LoopEntry> mine(entries.data() + start[c], start[c + 1] - start[c]);
    result[c] =
        bounds_of_loop(order.roles(c).size(), mine, max_iterations, tolerance, stop_once_decided);
  }
  return result;
}

}  // namespace orgsim::model
