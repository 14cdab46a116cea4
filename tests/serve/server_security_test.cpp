// What keeps web pages from driving `orgsim serve` (docs/api.md "Security"): the Host
// check (DNS rebinding), the Origin check (cross-site requests), JSON-only bodies,
// the per-start token and CORS preflights. Real sockets on 127.0.0.1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "serve/server.hpp"
#include "tests/serve/running_server.hpp"
#include "tests/serve/test_model.hpp"
#include "tests/support/serve_process.hpp"

namespace orgsim::serve {
namespace {

using nlohmann::json;
using test_support::RunningServer;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr const char* kWhatIf = R"({"failures": [{"role": "payments", "degrade": 0.5}]})";

class ServerSecurityTest : public ::testing::Test {
 protected:
  RunningServer server_{test::serve_start()};
  httplib::Client client_ = server_.client();  // sends the token

  std::string port() const { return std::to_string(server_.port()); }
  std::string own_origin() const { return "http://127.0.0.1:" + port(); }

  // Expects `res` to be `status` with a JSON error; returns its message.
  static std::string error_of(const httplib::Result& res, int status) {
    EXPECT_TRUE(res) << httplib::to_string(res.error());
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    const json j = json::parse(res->body);
    EXPECT_TRUE(j["details"].is_array());
    return j["error"].get<std::string>();
  }
};

// 1. DNS rebinding: evil.example resolving to 127.0.0.1 makes its page same-origin
// with the server, but the Host header still says evil.example.
TEST_F(ServerSecurityTest, RefusesAHostHeaderThatDoesNotNameTheServer) {
  const std::vector<std::string> foreign = {
      "evil.example", "evil.example:" + port(),           "127.0.0.1",
      "127.0.0.1:1",  "localhost.evil.example:" + port(), ""};
  for (const std::string& host : foreign) {
    for (const char* path : {"/api/model", "/", "/page.js"}) {
      auto res = client_.Get(path, {{"Host", host}});
      EXPECT_THAT(error_of(res, 403),
                  HasSubstr("does not name this server; open http://127.0.0.1:"))
          << host << " " << path;
    }
    auto post = client_.Post("/api/simulate", {{"Host", host}}, kWhatIf, "application/json");
    EXPECT_THAT(error_of(post, 403), HasSubstr("Host header")) << host;
  }
  // The names of the address served, with its port, in any case.
  const std::vector<std::string> own = {"127.0.0.1:" + port(), "localhost:" + port(),
                                        "LocalHost:" + port(), "[::1]:" + port()};
  for (const std::string& host : own) {
    auto res = client_.Get("/api/model", {{"Host", host}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << host;
  }
}

// 2. Cross-site writes: a form on another site posts text/plain; fetch() from another
// site names its origin.
TEST_F(ServerSecurityTest, RefusesRequestsFromAnotherOrigin) {
  for (const char* origin :
       {"https://evil.example", "null", "http://127.0.0.1:1", "http://localhost.evil.example"}) {
    for (const char* type : {"text/plain", "application/json"}) {
      auto res = client_.Post("/api/simulate", {{"Origin", origin}}, kWhatIf, type);
      EXPECT_THAT(error_of(res, 403), HasSubstr("a request from another site")) << origin;
    }
    EXPECT_EQ(error_of(client_.Get("/api/model", {{"Origin", origin}}), 403),
              "forbidden: a request from another site (Origin '" + std::string(origin) +
                  "'); only the page this server serves may use it");
  }
  // The server's own page may (browsers send Origin on its POSTs).
  auto own = client_.Post("/api/simulate", {{"Origin", own_origin()}}, kWhatIf, "application/json");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200) << own->body;
}

TEST_F(ServerSecurityTest, AcceptsOnlyJsonBodies) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded",
                           "multipart/form-data; boundary=x", "", "application/jsonp"}) {
    for (const char* path : {"/api/simulate", "/api/render", "/api/compare"}) {
      auto res = client_.Post(path, kWhatIf, type);
      const std::string error = error_of(res, 415);
      EXPECT_THAT(error, HasSubstr("unsupported media type")) << type << " " << path;
      EXPECT_THAT(error, HasSubstr("curl --data sends application/x-www-form-urlencoded"));
      EXPECT_THAT(error, HasSubstr("-H 'Content-Type: application/json'"));
    }
  }
  EXPECT_EQ(
      error_of(client_.Post("/api/simulate", kWhatIf, "application/x-www-form-urlencoded"), 415),
      "unsupported media type 'application/x-www-form-urlencoded': send the body as "
      "application/json (curl --data sends application/x-www-form-urlencoded unless "
      "given -H 'Content-Type: application/json')");
  // Parameters and case do not matter.
  for (const char* type : {"application/json; charset=utf-8", "Application/JSON"}) {
    auto res = client_.Post("/api/simulate", kWhatIf, type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << type;
  }
  // /api/parse takes scenario YAML as application/yaml (or JSON), nothing else.
  const std::string yaml = "name: x\nmodel: /models/test-model.yaml\n";
  for (const char* type : {"application/yaml", "application/x-yaml", "application/json"}) {
    auto res = client_.Post("/api/parse", yaml, type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << type << ": " << res->body;
  }
  EXPECT_THAT(error_of(client_.Post("/api/parse", yaml, "text/yaml"), 415),
              HasSubstr("send the body as application/json or application/yaml"));
  EXPECT_THAT(error_of(client_.Post("/api/simulate", kWhatIf, "application/yaml"), 415),
              HasSubstr("unsupported media type 'application/yaml'"));
}

// 3. The token: every /api/ call needs it; the page and its assets do not (they hold
// no data).
TEST_F(ServerSecurityTest, TheApiNeedsTheToken) {
  const std::string& token = server_.server().token();
  EXPECT_THAT(token, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_EQ(server_.server().page_url(), "http://127.0.0.1:" + port() + "/?token=" + token);
  httplib::Client bare = server_.bare_client();
  const std::string no_token =
      "forbidden: no token: the API needs the token of the URL `orgsim serve` printed "
      "(?token=...), in an X-Orgsim-Token header";
  EXPECT_EQ(error_of(bare.Get("/api/model"), 403), no_token);
  EXPECT_EQ(error_of(bare.Post("/api/simulate", kWhatIf, "application/json"), 403), no_token);
  EXPECT_EQ(error_of(bare.Get("/api/nothing"), 403), no_token);
  std::string wrong = token;
  wrong[31] = wrong[31] == '0' ? '1' : '0';
  for (const std::string& t : {wrong, token.substr(0, 31), token + "0", std::string("x")}) {
    EXPECT_THAT(error_of(bare.Get("/api/model", {{"X-Orgsim-Token", t}}), 403),
                HasSubstr("forbidden: wrong token"))
        << t;
  }
  // Not from the query string either: only the header.
  EXPECT_EQ(error_of(bare.Get(("/api/model?token=" + token).c_str()), 403), no_token);
  auto ok = bare.Get("/api/model", {{"X-Orgsim-Token", token}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  for (const char* path : {"/", "/page.js", "/page.css"}) {
    auto res = bare.Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << path;
  }
}

TEST(ServerTokenTest, EachServerHasItsOwnTokenUnlessTurnedOff) {
  RunningServer a{test::serve_start()};
  RunningServer b{test::serve_start()};
  EXPECT_NE(a.server().token(), b.server().token());
  EXPECT_NE(make_token(), make_token());
  EXPECT_TRUE(equal_in_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_in_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_in_constant_time("abc", "abcd"));
  EXPECT_TRUE(equal_in_constant_time("", ""));

  ServerOptions given = RunningServer::test_options();
  given.token = "0123456789abcdef0123456789abcdef";
  RunningServer c{test::serve_start(), RunningServer::default_api_options(), given};
  EXPECT_EQ(c.server().token(), given.token);

  // --no-token: no token, none needed; the Host and Origin checks stay on.
  ServerOptions open = RunningServer::test_options();
  open.require_token = false;
  RunningServer d{test::serve_start(), RunningServer::default_api_options(), open};
  EXPECT_EQ(d.server().token(), "");
  EXPECT_EQ(d.server().page_url(), d.server().url());
  httplib::Client bare = d.bare_client();
  auto res = bare.Get("/api/model");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto evil = bare.Get("/api/model", {{"Host", "evil.example"}});
  ASSERT_TRUE(evil);
  EXPECT_EQ(evil->status, 403);
  auto form =
      bare.Post("/api/simulate", {{"Origin", "https://evil.example"}}, kWhatIf, "text/plain");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 403);
}

// 4. CORS preflight: answered (not 411), and never with Access-Control-Allow-Origin
// for another site.
TEST_F(ServerSecurityTest, AnswersCorsPreflights) {
  httplib::Client bare = server_.bare_client();  // browsers send no token in preflights
  const httplib::Headers request = {{"Access-Control-Request-Method", "POST"},
                                    {"Access-Control-Request-Headers", "content-type"}};
  httplib::Headers foreign = request;
  foreign.emplace("Origin", "https://evil.example");
  auto refused = bare.Options("/api/simulate", foreign);
  EXPECT_THAT(error_of(refused, 403), HasSubstr("a request from another site"));
  EXPECT_FALSE(refused->has_header("Access-Control-Allow-Origin"));

  httplib::Headers own = request;
  own.emplace("Origin", own_origin());
  auto allowed = bare.Options("/api/simulate", own);
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 204);
  EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), own_origin());
  EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Headers"),
            "Content-Type, X-Orgsim-Token");
  EXPECT_EQ(allowed->body, "");

  auto plain = bare.Options("/api/simulate");  // curl -X OPTIONS
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 204);
  EXPECT_EQ(plain->get_header_value("Allow"), "GET, POST, OPTIONS");
  EXPECT_FALSE(plain->has_header("Access-Control-Allow-Origin"));
}

// The binary prints the tokened URL, and its API needs the token.
TEST(ServeCommandTest, PrintsTheUrlWithTheTokenAndNeedsIt) {
  const std::string model = std::string(ORGSIM_SOURCE_DIR) + "/scenarios/contact-center/model.yaml";
  orgsim::test::ServeProcess server(ORGSIM_BINARY, {model});
  EXPECT_THAT(server.token(), MatchesRegex("[0-9a-f]{32}"));
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);
  auto refused = client.Get("/api/model");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  auto ok = client.Get("/api/model", {{"X-Orgsim-Token", server.token()}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);

  orgsim::test::ServeProcess open(ORGSIM_BINARY, {model, "--no-token"});
  EXPECT_EQ(open.token(), "");
  httplib::Client bare("127.0.0.1", open.port());
  bare.set_read_timeout(30, 0);
  auto res = bare.Get("/api/model");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

}  // namespace
}  // namespace orgsim::serve
