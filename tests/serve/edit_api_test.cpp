// The model editor's API (`orgsim serve MODEL --edit`, serve/edit_api.hpp) over HTTP on
// 127.0.0.1: the editor page instead of the what-if page, the same security checks,
// checks located on elements, and Save: refused with errors, atomic, through a symbolic
// link, keeping the file's mode, and a file that `orgsim validate` accepts.
#include "serve/edit_api.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "app/load_input.hpp"
#include "app/model_edit.hpp"
#include "serve/server.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/serve_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kModel = R"({
  "name": "Shop", "cx_baseline": 100,
  "departments": [{"id": "fin", "name": "Finance"}, {"id": "cs", "name": "Support"}],
  "roles": [
    {"id": "pay", "name": "Payments", "department": "fin", "recovery": 0.5},
    {"id": "agents", "name": "Agents", "department": "cs", "recovery": 0.5, "touchpoint": 1}],
  "dependencies": [{"role": "agents", "depends_on": "pay", "weight": 0.4}]
})";

// An EditApi behind a real Server on a free port, for one test.
class EditServer {
 public:
  explicit EditServer(const fs::path& file, json start)
      : edit_(std::move(start), {.model_file = file}), server_(edit_, options()) {
    server_.bind();
    thread_ = std::thread([this] { server_.listen(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~EditServer() {
    server_.stop();
    thread_.join();
  }
  httplib::Client client(bool token = true) const {
    httplib::Client c("127.0.0.1", server_.port());
    c.set_read_timeout(30, 0);
    if (token) c.set_default_headers({{"X-Orgsim-Token", server_.token()}});
    return c;
  }

 private:
  static ServerOptions options() {
    ServerOptions o;
    o.port = 0;
    return o;
  }
  EditApi edit_;
  Server server_;
  std::thread thread_;
};

class EditApiTest : public test::TempDirTest {
 protected:
  EditApiTest() : TempDirTest("edit_api") {}

  fs::path file_ = dir_ / "shop.yaml";
  EditServer server_{file_, app::empty_edit_model("shop")};
  httplib::Client client_ = server_.client();

  json post(const char* path, const std::string& body, int status) {
    auto res = client_.Post(path, body, "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body;
    return json::parse(res->body);
  }
};

TEST_F(EditApiTest, ServesTheEditorAndNotTheWhatIfPage) {
  auto page = client_.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("<script type=\"module\" src=\"editor.js\"></script>"));
  EXPECT_THAT(page->get_header_value("Content-Security-Policy"), HasSubstr("script-src 'self'"));
  auto script = client_.Get("/editor.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  auto model = client_.Get("/api/model");  // the what-if API is not there
  ASSERT_TRUE(model);
  EXPECT_EQ(model->status, 404);
}

TEST_F(EditApiTest, StartsFromTheModelGiven) {
  auto res = client_.Get("/api/edit/model");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json answer = json::parse(res->body);
  EXPECT_EQ(answer["file"], "shop.yaml");
  EXPECT_EQ(answer["exists"], false);
  EXPECT_EQ(answer["model"], app::empty_edit_model("shop"));
}

TEST_F(EditApiTest, SameSecurityChecksAsTheWhatIfApi) {
  httplib::Client bare = server_.client(false);
  auto no_token = bare.Post("/api/edit/save", kModel, "application/json");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_THAT(no_token->body, HasSubstr("X-Orgsim-Token"));
  auto form = client_.Post("/api/edit/save", kModel, "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  auto other_site = client_.Post("/api/edit/save", {{"Origin", "http://evil.example"}}, kModel,
                                 "application/json");
  ASSERT_TRUE(other_site);
  EXPECT_EQ(other_site->status, 403);
  auto rebinding =
      client_.Post("/api/edit/check", {{"Host", "evil.example"}}, kModel, "application/json");
  ASSERT_TRUE(rebinding);
  EXPECT_EQ(rebinding->status, 403);
  EXPECT_FALSE(fs::exists(file_));
}

TEST_F(EditApiTest, ChecksLocateEachProblem) {
  json m = json::parse(kModel);
  m["dependencies"][0]["weight"] = 2;
  const json answer = post("/api/edit/check", m.dump(), 200);
  EXPECT_EQ(answer, json::parse(R"({"ok": false, "errors": 1, "warnings": 0, "problems": [
    {"severity": "error", "message": "weight must be in (0, 1], got 2",
     "element": {"kind": "dependency", "index": 0, "field": "weight"}}]})"));
  EXPECT_THAT(post("/api/edit/check", "{\"roles\": 3}", 400)["error"].get<std::string>(),
              HasSubstr("model.roles: expected a list"));
  EXPECT_THAT(post("/api/edit/check", "{", 400)["error"].get<std::string>(),
              HasSubstr("malformed JSON"));
}

TEST_F(EditApiTest, RefusesToSaveAModelWithErrors) {
  json m = json::parse(kModel);
  m["roles"][1]["touchpoint"] = 1.5;
  const json answer = post("/api/edit/save", m.dump(), 400);
  EXPECT_EQ(answer["error"],
            "not saved: the model has 1 error (shown on the page); fix it and save again");
  EXPECT_EQ(answer["details"], json::array({"touchpoint must be in [0, 1], got 1.5"}));
  EXPECT_EQ(answer["check"]["problems"][0]["element"]["field"], "touchpoint");
  EXPECT_FALSE(fs::exists(file_));
}

TEST_F(EditApiTest, SavesAFileThatValidatesAndRoundTrips) {
  const json answer = post("/api/edit/save", kModel, 200);
  EXPECT_EQ(answer["saved"], "shop.yaml");
  ASSERT_TRUE(fs::exists(file_));
  const std::string text = test::read_file(file_);
  EXPECT_EQ(answer["bytes"], text.size());
  // What `orgsim validate` runs.
  std::ostringstream warnings;
  const app::LoadedInput in = app::load_input(file_, {}, warnings);
  EXPECT_EQ(warnings.str(), "");
  EXPECT_EQ(in.scenario.model.role_count(), 2u);
  // Load -> the editor's JSON -> save: the same bytes; and the server now starts from it.
  const json loaded = app::edit_model_json(in.scenario.model);
  post("/api/edit/save", loaded.dump(), 200);
  EXPECT_EQ(test::read_file(file_), text);
  auto model = client_.Get("/api/edit/model");
  ASSERT_TRUE(model);
  const json now = json::parse(model->body);
  EXPECT_EQ(now["exists"], true);
  EXPECT_EQ(now["model"], loaded);
}

TEST_F(EditApiTest, SaveKeepsTheModeAndWritesThroughASymbolicLink) {
  // The model file is a link to a file elsewhere, mode 0640: the link stays a link, the
  // file it names is replaced, and keeps its mode.
  const fs::path target = write("real/shop-model.yaml", "name: old\n");
  ::chmod(target.c_str(), 0640);
  fs::remove(file_);
  fs::create_symlink(target, file_);
  post("/api/edit/save", kModel, 200);
  EXPECT_TRUE(fs::is_symlink(file_));
  EXPECT_EQ(fs::read_symlink(file_), target);
  EXPECT_THAT(test::read_file(target), HasSubstr("name: Shop\n"));
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

// The binary: `orgsim serve NEW.yaml --edit` serves the editor for a file not there yet;
// what the editor would damage or cannot save is refused at the start (exit 2).
class ServeEditCommandTest : public test::TempDirTest {
 protected:
  ServeEditCommandTest() : TempDirTest("serve_edit") {}

  test::RunResult serve(std::vector<std::string> args) {
    args.insert(args.begin(), "serve");
    return test::run_child(ORGSIM_BINARY, args, dir_);
  }
};

TEST_F(ServeEditCommandTest, ANewFileStartsEmptyAndIsWrittenOnSave) {
  const fs::path file = dir_ / "new.yaml";
  test::ServeProcess server(ORGSIM_BINARY, {file.string(), "--edit"});
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  client.set_default_headers({{"X-Orgsim-Token", server.token()}});
  auto start = client.Get("/api/edit/model");
  ASSERT_TRUE(start);
  EXPECT_EQ(json::parse(start->body)["model"], app::empty_edit_model("new"));
  EXPECT_FALSE(fs::exists(file));
  auto saved = client.Post("/api/edit/save", kModel, "application/json");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 200) << saved->body;
  const test::RunResult validate =
      test::run_child(ORGSIM_BINARY, {"validate", file.string()}, dir_);
  EXPECT_EQ(validate.code, 0) << validate.err;
  EXPECT_EQ(validate.out,
            file.string() + ": ok: model with 2 roles, 2 departments, 1 dependency; 0 warnings\n");
}

TEST_F(ServeEditCommandTest, RefusesWhatItCannotEditOrSave) {
  const std::string demo = std::string(ORGSIM_SOURCE_DIR) + "/scenarios/contact-center/";
  test::RunResult r = serve({demo + "slow-payments.yaml", "--edit"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("is a scenario; give its model file to edit the model"));
  const fs::path uncertain = write("uncertain.yaml",
                                   "name: u\ndepartments: [{id: d}]\nroles:\n"
                                   "  - {id: a, department: d, touchpoint: 0.5}\n"
                                   "  - {id: b, department: d}\ndependencies:\n"
                                   "  - {role: a, depends_on: b, weight: {uniform: [0.1, 0.3]}}\n");
  r = serve({uncertain.string(), "--edit"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("has uncertain values (distributions), which the editor cannot "
                               "keep: edit the file in a text editor"));
  r = serve({(dir_ / "no-folder" / "x.yaml").string(), "--edit"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--edit: cannot save"));
  EXPECT_THAT(r.err, HasSubstr("does not exist"));
  r = serve({demo + "model.yaml", "--edit", "--scenario", demo + "slow-payments.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--scenario excludes --edit"));
  // A model with errors: `orgsim validate`'s messages, and no server.
  const fs::path bad = write("bad.yaml", "name: x\ndepartments: []\nroles: []\n");
  r = serve({bad.string(), "--edit"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.yaml:2:14: error: field 'departments' must not be empty"));
}

}  // namespace
}  // namespace orgsim::serve
