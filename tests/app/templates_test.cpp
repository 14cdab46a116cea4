// `orgsim new` (app/templates): every template writes a model that validates without a
// warning and scenarios that run against it and move the CX score; the files are
// written as embedded, and nothing is overwritten without --force.
#include "app/templates.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "app/run.hpp"
#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::app {
namespace {

namespace fs = std::filesystem;

class TemplatesTest : public test::TempDirTest {
 protected:
  TemplatesTest() : TempDirTest("orgsim_templates") {}
  std::string run(const NewOptions& o) {
    std::ostringstream out, err;
    EXPECT_EQ(run_new(o, out, err), 0);
    return out.str();
  }
};

TEST_F(TemplatesTest, FiveKindsOfOrganizationWithTheDemoFirst) {
  ASSERT_EQ(model_templates().size(), 5u);
  EXPECT_EQ(model_templates().front().name, "contact-center");
  for (const ModelTemplate& t : model_templates()) {
    EXPECT_EQ(t.files.front().name, "model.yaml") << t.name;
    EXPECT_EQ(t.files.size(), 4u) << t.name << ": a model and three scenarios";
  }
  NewOptions list;
  list.list = true;
  EXPECT_NE(run(list).find("  online-shop     Online shop (3 scenarios)\n"), std::string::npos);
}

TEST_F(TemplatesTest, EveryTemplateValidatesAndItsScenariosMoveTheScore) {
  for (const ModelTemplate& t : model_templates()) {
    SCOPED_TRACE(std::string(t.name));
    NewOptions o;
    o.template_name = std::string(t.name);
    o.output = dir_ / std::string(t.name);
    const std::string printed = run(o);
    EXPECT_EQ(printed.rfind("Wrote " + (o.output / "model.yaml").string(), 0), 0u) << printed;
    for (const TemplateFile& f : t.files) {
      EXPECT_EQ(test::read_file(o.output / f.name), f.text) << f.name;
    }
    const model::OrgGraph g = model::load_model(o.output / "model.yaml");
    const Diagnostics d = model::validate_model(g);
    EXPECT_EQ(d.items().size(), 0u) << "no error and no warning";
    for (const TemplateFile& f : t.files.subspan(1)) {
      const model::Scenario s = model::load_scenario(o.output / f.name);
      EXPECT_FALSE(s.description.empty()) << f.name;
      RunRequest request;
      request.paths = 1;
      const RunResult r = run_scenario(s, request);
      EXPECT_LT(r.summary.cx_min, r.summary.cx_baseline - 0.5) << f.name << ": a visible dip";
      EXPECT_GT(r.summary.cx_final, r.summary.cx_baseline - 0.5) << f.name << ": and it heals";
    }
  }
}

TEST_F(TemplatesTest, TheDemoTemplateIsTheBundledDemo) {
  const ModelTemplate& t = find_template("contact-center");
  for (const TemplateFile& f : t.files) {
    EXPECT_EQ(test::read_file(fs::path(ORGSIM_SOURCE_DIR) / "scenarios/contact-center" / f.name),
              f.text)
        << f.name;
  }
}

TEST_F(TemplatesTest, RefusesToOverwriteWithoutForceAndNamesTheChoices) {
  NewOptions o;
  o.template_name = "saas";
  o.output = dir_ / "mine";
  run(o);
  test::write_file(o.output / "model.yaml", "name: my own edits\n");
  std::ostringstream out, err;
  try {
    run_new(o, out, err);
    FAIL() << "overwrote";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(std::string(e.what()), "-o/--output: '" + (o.output / "model.yaml").string() +
                                         "' already exists; use --force to overwrite the "
                                         "template's files");
  }
  EXPECT_EQ(test::read_file(o.output / "model.yaml"), "name: my own edits\n");
  o.force = true;
  run(o);
  EXPECT_NE(test::read_file(o.output / "model.yaml"), "name: my own edits\n");
  o.template_name = "hospital";
  try {
    run_new(o, out, err);
    FAIL() << "accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(std::string(e.what()),
              "--template: no template 'hospital'; the templates are contact-center, "
              "bank-branches, hospital-ward, online-shop, saas (orgsim new --list describes "
              "them)");
  }
}

}  // namespace
}  // namespace orgsim::app
