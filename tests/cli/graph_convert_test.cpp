// `orgsim export` and `orgsim import` (app/graph_convert): the demo goes out as GraphML
// and DOT and comes back as a model that validates with the same roles and weights.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "model/loader.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class GraphConvertTest : public CliTest {
 protected:
  GraphConvertTest() : CliTest("orgsim_graph_convert") {}
};

TEST_F(GraphConvertTest, TheDemoGoesOutAndComesBack) {
  const std::string demo = "scenarios/contact-center/model.yaml";
  for (const char* name : {"org.graphml", "org.dot"}) {
    SCOPED_TRACE(name);
    const fs::path graph = dir_ / name, model = dir_ / (std::string(name) + ".yaml");
    const CliResult out = run_cli({"export", demo, "-o", graph.string()});
    ASSERT_EQ(out.code, 0) << out.err;
    EXPECT_EQ(out.out,
              "Wrote " + graph.string() + " (32 roles, 10 departments, 166 dependencies)\n");
    const CliResult in = run_cli({"import", graph.string(), "-o", model.string()});
    ASSERT_EQ(in.code, 0) << in.err;
    const model::OrgGraph a = model::load_model(demo), b = model::load_model(model);
    ASSERT_EQ(b.role_count(), a.role_count());
    for (std::uint32_t i = 0; i < a.role_count(); ++i) {
      EXPECT_EQ(b.roles()[i].id, a.roles()[i].id);
      EXPECT_EQ(b.roles()[i].name, a.roles()[i].name);
      EXPECT_EQ(b.roles()[i].touchpoint, a.roles()[i].touchpoint);
    }
    ASSERT_EQ(b.dependencies().size(), a.dependencies().size());
    for (std::size_t d = 0; d < a.dependencies().size(); ++d) {
      EXPECT_EQ(b.dependencies()[d].weight, a.dependencies()[d].weight);
    }
  }
}

TEST_F(GraphConvertTest, RefusesWhatItCannotDoWithExit2) {
  EXPECT_EQ(
      run_cli({"export", "scenarios/contact-center/model.yaml", "-o", (dir_ / "org.xml").string()})
          .code,
      2);
  write("g.dot", "digraph { a -> b [weight=2]; }\n");
  const CliResult bad =
      run_cli({"import", (dir_ / "g.dot").string(), "-o", (dir_ / "m.yaml").string()});
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("edge 1 (a -> b): weight must be in (0, 1], got 2"));
  EXPECT_FALSE(fs::exists(dir_ / "m.yaml"));
  const CliResult same =
      run_cli({"import", (dir_ / "g.dot").string(), "-o", (dir_ / "g.dot").string()});
  EXPECT_EQ(same.code, 2);
  EXPECT_THAT(same.err, HasSubstr("is an input of this run"));
}

}  // namespace
}  // namespace orgsim::test
