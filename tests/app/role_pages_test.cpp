// app/role_pages: the file set of `orgsim diagram --all --interactive`, names from the
// model escaped, safe page names, and how the folder is written (refusals, rewrites).
#include "app/role_pages.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "tests/support/builders.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::app {
namespace {

namespace fs = std::filesystem;

// Names that would break a page if they were not escaped.
constexpr std::string_view kHostileModel = R"(name: "Acme <b>& Co</b>"
departments:
  - {id: ops, name: "Ops \"floor\""}
roles:
  - {id: web, name: "<script>alert('x')</script>", department: ops, touchpoint: 0.6}
  - {id: pay, name: "Pay \"&\" <i>roll</i>", department: ops}
dependencies:
  - {role: web, depends_on: pay, weight: 0.5}
)";

model::OrgGraph hostile() { return model::parse_model(kHostileModel, "m.yaml"); }

RolePagesInput input() {
  RolePagesInput in;
  in.model_json = R"({"name": "m"})";
  in.layout_json = R"({"roles": []})";
  in.engine_js = "var OrgsimEngine = function () {};";
  return in;
}

const PageFile& file(const std::vector<PageFile>& files, const std::string& name) {
  auto it =
      std::find_if(files.begin(), files.end(), [&](const PageFile& f) { return f.name == name; });
  if (it == files.end()) throw std::runtime_error("no file " + name);
  return *it;
}

TEST(RolePagesTest, IndexOnePagePerRoleAndTheSharedAssets) {
  const model::OrgGraph g = test::make_graph("A->B 0.5; A*1; C");
  const std::vector<PageFile> files = role_pages(g, input());
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"assets/orgsim_engine.js", "assets/orgsim_data.js",
                                             "assets/orgsim_modules.js", "assets/role_page.js",
                                             "assets/role_page.css", "a.html", "b.html", "c.html",
                                             "index.html"}));
  const std::string& page = file(files, "a.html").content;
  // Relative links only, and scripts by <script src> (file:// pages cannot fetch).
  EXPECT_NE(page.find("<script src=\"assets/orgsim_engine.js\"></script>"), std::string::npos);
  EXPECT_NE(page.find("<script src=\"assets/role_page.js\"></script>"), std::string::npos);
  EXPECT_NE(page.find("href=\"index.html\""), std::string::npos);
  EXPECT_NE(page.find("href=\"b.html\" data-role=\"B\">B</a>"), std::string::npos);  // A needs B
  EXPECT_EQ(page.find("http"), std::string::npos);
  EXPECT_NE(page.find("<body class=\"role-page\" data-role=\"A\">"), std::string::npos);
  const std::string& index = file(files, "index.html").content;
  for (const char* link : {"href=\"a.html\"", "href=\"b.html\"", "href=\"c.html\""}) {
    EXPECT_NE(index.find(link), std::string::npos) << link;
  }
  EXPECT_EQ(file(files, "assets/orgsim_engine.js").content, input().engine_js);
  // diagram.js travels as text for the data: URL import; the classic scripts do not.
  const std::string& modules = file(files, "assets/orgsim_modules.js").content;
  EXPECT_NE(modules.find("\"diagram.js\""), std::string::npos);
  EXPECT_EQ(modules.find("\"role_page.js\""), std::string::npos);
  EXPECT_EQ(modules.find("\"offline.js\""), std::string::npos);
  EXPECT_EQ(modules.find("\"page.js\""), std::string::npos);
}

TEST(RolePagesTest, NamesFromTheModelAreEscaped) {
  const model::OrgGraph g = hostile();
  const std::vector<PageFile> files = role_pages(g, input());
  for (const std::string name : {"web.html", "pay.html", "index.html"}) {
    const std::string& page = file(files, name).content;
    EXPECT_EQ(page.find("<script>alert"), std::string::npos) << name;
    EXPECT_EQ(page.find("<i>roll"), std::string::npos) << name;
    EXPECT_EQ(page.find("Acme <b>"), std::string::npos) << name;
    EXPECT_NE(page.find("Acme &lt;b&gt;&amp; Co&lt;/b&gt;"), std::string::npos) << name;
    EXPECT_EQ(page.find("\"floor\""), std::string::npos) << name;
  }
  const std::string& web = file(files, "web.html").content;
  EXPECT_NE(web.find("<h1 id=\"role-name\" "
                     "data-testid=\"role-name\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
                     "</h1>"),
            std::string::npos);
  EXPECT_NE(web.find("Ops &quot;floor&quot;"), std::string::npos);
  EXPECT_NE(web.find(">Pay &quot;&amp;&quot; &lt;i&gt;roll&lt;/i&gt;</a>"), std::string::npos);
  // The data script is JSON behind one assignment: the names are JSON strings there.
  const std::string& data = file(files, "assets/orgsim_data.js").content;
  const auto eq = data.find("window.orgsimRolePages = ");
  ASSERT_NE(eq, std::string::npos);
  const std::string text = data.substr(eq + 25, data.rfind(';') - eq - 25);
  const nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(j["pages"]["web"], "web.html");
  EXPECT_EQ(j["model"]["name"], "m");
  EXPECT_EQ(j["degrade"], 0.5);
}

TEST(RolePagesTest, PageNamesAreSafeAndDistinctIgnoringCase) {
  const model::OrgGraph g = test::make_graph(
      "Payroll->payroll 0.1; a/b->../x 0.1; index->con 0.1; COM1->a_b 0.1; caf\xc3\xa9->x 0.1");
  EXPECT_EQ(role_page_names(g),
            (std::vector<std::string>{"payroll.html", "payroll-2.html", "a_b.html", "___x.html",
                                      "index-2.html", "con-2.html", "com1-2.html", "a_b-2.html",
                                      "caf__.html", "x.html"}));
  std::string long_id(200, 'r');
  const model::OrgGraph big = test::make_graph(long_id + "*1");
  EXPECT_EQ(role_page_names(big)[0], std::string(80, 'r') + ".html");
}

TEST(RolePagesTest, RefusesAnEngineThatCouldEndAScriptElement) {
  RolePagesInput in = input();
  in.engine_js = "x = '</SCRIPT>';";
  EXPECT_THROW(role_pages(test::make_graph("A*1"), in), InvalidArgument);
}

class WriteRolePagesTest : public test::TempDirTest {
 protected:
  WriteRolePagesTest() : TempDirTest("role_pages") {}

  std::string write_set(const model::OrgGraph& g, const fs::path& out) {
    std::ostringstream progress;
    write_role_pages(out, role_pages(g, input()), inputs_, "-o", progress);
    return progress.str();
  }

  std::string refusal(const model::OrgGraph& g, const fs::path& out) {
    try {
      write_set(g, out);
    } catch (const InvalidArgument& e) {
      return e.what();
    }
    return "no error";
  }

  model::Scenario inputs_;
};

TEST_F(WriteRolePagesTest, WritesANewFolderAndRewritesItsOwn) {
  const fs::path out = dir_ / "pages";
  write_set(test::make_graph("A->B 0.5; A*1"), out);
  EXPECT_TRUE(fs::is_regular_file(out / "b.html"));
  EXPECT_TRUE(fs::is_regular_file(out / "assets/orgsim_engine.js"));
  EXPECT_NE(test::read_file(out / kRolePageManifest).find("\nb.html\n"), std::string::npos);
  test::write_file(out / "mine.txt", "the trainer's own notes");
  // Again without role B: its page goes, the trainer's file stays.
  write_set(test::make_graph("A*1"), out);
  EXPECT_FALSE(fs::exists(out / "b.html"));
  EXPECT_TRUE(fs::is_regular_file(out / "a.html"));
  EXPECT_EQ(test::read_file(out / "mine.txt"), "the trainer's own notes");
  const std::string list = test::read_file(out / kRolePageManifest);
  EXPECT_EQ(list.find("\nb.html\n"), std::string::npos) << list;
  EXPECT_NE(list.find("\na.html\n"), std::string::npos) << list;
  EXPECT_EQ(list.find("mine.txt"), std::string::npos) << list;
}

TEST_F(WriteRolePagesTest, RefusesAFolderOrsimDidNotWrite) {
  test::write_file(dir_ / "notes.txt", "keep me");
  EXPECT_EQ(refusal(test::make_graph("A*1"), dir_),
            "-o: the folder '" + dir_.string() +
                "' holds 'notes.txt', which orgsim did not write; choose a new or empty folder "
                "(orgsim rewrites only a folder it wrote itself)");
  EXPECT_FALSE(fs::exists(dir_ / "a.html"));
  test::write_file(dir_ / "file.html", "x");
  EXPECT_EQ(refusal(test::make_graph("A*1"), dir_ / "file.html"),
            "-o: '" + (dir_ / "file.html").string() +
                "' is a file; --interactive writes a folder of pages");
}

TEST_F(WriteRolePagesTest, NeverWritesThroughALinkNorOverAnInput) {
  const fs::path out = dir_ / "pages";
  write_set(test::make_graph("A*1"), out);
  const fs::path target = test::write_file(dir_ / "precious.txt", "precious");
  fs::remove(out / "a.html");
  fs::create_symlink(target, out / "a.html");
  EXPECT_EQ(refusal(test::make_graph("A*1"), out),
            "-o: '" + (out / "a.html").string() +
                "' is a symbolic link; orgsim does not write through links here (remove it, "
                "or choose another folder)");
  EXPECT_EQ(test::read_file(target), "precious");
  fs::remove(out / "a.html");
  // The model file where a page would go: refused, and the model is untouched.
  inputs_.model.file = (out / "a.html").string();
  test::write_file(out / "a.html", "roles: []");
  EXPECT_NE(refusal(test::make_graph("A*1"), out).find("is an input of this run"),
            std::string::npos);
  EXPECT_EQ(test::read_file(out / "a.html"), "roles: []");
}

TEST_F(WriteRolePagesTest, ReportsProgressForLargeSets) {
  std::string spec;
  for (int i = 0; i < 600; ++i) spec += "r" + std::to_string(i) + "*0.001;";
  const std::string progress = write_set(test::make_graph(spec), dir_ / "big");
  EXPECT_NE(progress.find("role pages: 606/606 files written\n"), std::string::npos) << progress;
}

}  // namespace
}  // namespace orgsim::app
