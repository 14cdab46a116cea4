// app/diagrams: the focus diagrams of the demo, file names and the index page of
// `orgsim diagram --all`.
#include "app/diagrams.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "model/loader.hpp"
#include "sim/paths.hpp"
#include "tests/support/builders.hpp"
#include "tests/support/files.hpp"
#include "viz/dot_writer.hpp"

namespace orgsim::app {
namespace {

const char* kDemo = ORGSIM_SOURCE_DIR "/scenarios/contact-center/model.yaml";

const model::OrgGraph& demo() {
  static const model::OrgGraph g = model::load_model(kDemo);
  return g;
}

// What the DOT text draws: node id -> fill colour, and the edges in order.
struct DrawnDot {
  std::map<std::string, std::string> fill;
  std::vector<std::pair<std::string, std::string>> edges;
};

DrawnDot parse(const std::string& dot) {
  DrawnDot d;
  static const std::regex node(R"re(^\s+"(r\d+|cx)" \[.*?fillcolor="(#[0-9a-f]{6})")re");
  static const std::regex edge(R"re(^\s+"(\w+)" -> "(\w+)")re");
  std::istringstream in(dot);
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, m, edge)) {
      d.edges.emplace_back(m[1], m[2]);
    } else if (std::regex_search(line, m, node)) {
      d.fill[m[1]] = m[2];
    }
  }
  return d;
}

model::RoleId role_of(const std::string& node_id) {
  return model::RoleId(static_cast<std::uint32_t>(std::stoul(node_id.substr(1))));
}

// Issue 12, "done means": for every role of the demo, at most 3 edges per node on
// average, and every edge either on one of the focus's paths (including the last
// step into CX) or a dependency pointing into the focus side (from a role it
// depends on, to the focus or to a role it depends on directly).
TEST(FocusDiagramTest, EveryDemoRoleDrawsOnlyPathsAndDependenciesIntoTheFocus) {
  const model::OrgGraph& g = demo();
  const std::string kFocus = "#ffd166", kUpstream = "#ffffff", kOnPath = "#e8eef5";
  for (std::uint32_t r = 0; r < g.role_count(); ++r) {
    const DiagramRequest request;
    const std::string dot = viz::to_dot(role_diagram(g, model::RoleId(r), request));
    const DrawnDot d = parse(dot);
    const std::string who = g.roles()[r].id;
    ASSERT_EQ(d.fill.at("r" + std::to_string(r)), kFocus) << who;
    ASSERT_FALSE(d.edges.empty()) << who;
    const std::size_t nodes = d.fill.size();  // CX included
    EXPECT_LE(static_cast<double>(d.edges.size()), 3.0 * static_cast<double>(nodes))
        << who << ": " << d.edges.size() << " edges for " << nodes << " nodes";
    std::set<std::pair<std::uint32_t, std::uint32_t>> on_path;  // (from, to); to == from: into CX
    for (const auto& p :
         sim::paths_to_customer(g, model::RoleId(r), request.degrade, request.paths).paths) {
      for (std::size_t i = 0; i + 1 < p.roles.size(); ++i) {
        on_path.insert({p.roles[i].value, p.roles[i + 1].value});
      }
      on_path.insert({p.roles.back().value, p.roles.back().value});
    }
    for (const auto& [from, to] : d.edges) {
      const std::string edge = who + ": " + from + " -> " + to;
      if (to == "cx") {
        EXPECT_TRUE(on_path.count({role_of(from).value, role_of(from).value})) << edge;
        continue;
      }
      const std::string& a = d.fill.at(from);
      const std::string& b = d.fill.at(to);
      if (a == kUpstream) {
        EXPECT_TRUE(b == kFocus || b == kUpstream) << edge;
        bool depends = false;
        for (const auto& dep : g.dependencies()) {
          depends |= dep.role == role_of(to) && dep.depends_on == role_of(from) && dep.weight > 0;
        }
        EXPECT_TRUE(depends) << edge;
      } else {
        EXPECT_TRUE(a == kFocus || a == kOnPath) << edge;
        EXPECT_EQ(b, kOnPath) << edge;
        EXPECT_TRUE(on_path.count({role_of(from).value, role_of(to).value})) << edge;
      }
    }
  }
}

// The checked-in picture sources of two focus diagrams; ORGSIM_UPDATE_GOLDEN=1
// rewrites them.
void expect_golden(const std::string& dot, const std::string& name) {
  const std::string path = std::string(ORGSIM_SOURCE_DIR) + "/tests/viz/expected/" + name;
  const char* update = std::getenv("ORGSIM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    orgsim::test::write_file(path, dot);
    return;
  }
  EXPECT_EQ(dot, orgsim::test::read_file(path))
      << "run with ORGSIM_UPDATE_GOLDEN=1 to accept the change to " << path;
}

TEST(FocusDiagramTest, MatchesGoldenDotForPayrollAndVoiceAgents) {
  for (const char* id : {"payroll", "voice-agents"}) {
    auto role = demo().find_role(id);
    ASSERT_TRUE(role) << id;
    expect_golden(viz::to_dot(role_diagram(demo(), *role, {})),
                  std::string("focus-") + id + ".dot");
  }
}

TEST(FocusDiagramTest, CaptionSaysWhatTheCustomerWouldNotice) {
  auto role = demo().find_role("payroll");
  ASSERT_TRUE(role);
  const std::string dot = viz::to_dot(role_diagram(demo(), *role, {}));
  EXPECT_NE(dot.find("If Payroll ran at half speed, customers would notice: CX 85 \xE2\x86\x92 82 "
                     "(3.3 points lost). The largest part reaches them through Voice agents."),
            std::string::npos)
      << dot;
}

TEST(DiagramIndexTest, EscapesNamesForAPageNotForAGraphvizLabel) {
  model::OrgGraph g = test::make_graph("A->B 0.5; A*1");
  g.role(model::RoleId(0)).name = "Back\\office <ops>";
  const std::string html =
      diagram_index_html(g, diagram_file_names(g, "svg"), "departments.svg", 0.5);
  // One backslash, as in the name: the Graphviz label escape would double it.
  EXPECT_NE(html.find(">Back\\office &lt;ops&gt;</"), std::string::npos) << html;
  EXPECT_EQ(html.find("\\\\"), std::string::npos) << html;
}

TEST(DiagramIndexTest, FileNamesAreSafeUniqueAndNeverIndex) {
  model::OrgGraph g = test::make_graph("index->a/b 0.5; a_b->x 0.1; .hidden*1");
  const std::vector<std::string> files = diagram_file_names(g, "png");
  ASSERT_EQ(files.size(), 5u);
  EXPECT_EQ(files[0], "index-2.png");
  EXPECT_EQ(files[1], "a_b.png");
  EXPECT_EQ(files[2], "a_b-2.png");
  EXPECT_EQ(files[3], "x.png");
  EXPECT_EQ(files[4], "_hidden.png");
}

}  // namespace
}  // namespace orgsim::app
