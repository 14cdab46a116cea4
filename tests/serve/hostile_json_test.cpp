// Hostile requests against the real `orgsim serve` binary (a child process on a free
// port, serving the contact-center demo): deep nesting, numbers out of range, NUL and
// invalid UTF-8, unknown roles, wrong types, 10 MB bodies, huge arrays. Each gets the
// expected status and message, the server stays up, and the next normal request is
// answered with the same numbers as before.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/serve_process.hpp"

namespace orgsim::serve {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kNormal = R"({"failures": [{"role": "payments", "degrade": 0.5, "to": 10}]})";

class HostileJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A client still sending when the server refuses and hangs up must get EPIPE, not
    // die of SIGPIPE (httplib's client does not ask for MSG_NOSIGNAL everywhere).
    ::signal(SIGPIPE, SIG_IGN);
    server_ = std::make_unique<test::ServeProcess>(
        ORGSIM_BINARY, std::vector<std::string>{std::string(ORGSIM_SOURCE_DIR) +
                                                "/scenarios/contact-center/slow-payments.yaml"});
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(60, 0);
    client_->set_write_timeout(60, 0);
    client_->set_default_headers({{"X-Orgsim-Token", server_->token()}});
    auto res = client_->Post("/api/simulate", kNormal, "application/json");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    ASSERT_EQ(res->status, 200) << res->body;
    normal_answer_ = res->body;
  }

  void TearDown() override {
    // The server survived: it still answers a normal request with the same bytes,
    // and it is still running (stop() sends SIGTERM: a clean exit 0).
    ASSERT_TRUE(server_->alive());
    auto res = client_->Post("/api/simulate", kNormal, "application/json");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, normal_answer_);
    const int status = server_->stop();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }

  // POSTs `body`; expects `status` and a JSON error {"error", "details"}; returns it.
  json post_error(const std::string& path, const std::string& body, int status,
                  const char* content_type = "application/json") {
    auto res = client_->Post(path.c_str(), body, content_type);
    EXPECT_TRUE(res) << httplib::to_string(res.error());
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body.substr(0, 500);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    json j = json::parse(res->body);  // valid JSON (and so valid UTF-8), or this throws
    EXPECT_TRUE(j["error"].is_string());
    EXPECT_TRUE(j["details"].is_array());
    return j;
  }
  std::string error_of(const std::string& body, int status = 400,
                       const std::string& path = "/api/simulate") {
    return post_error(path, body, status)["error"].get<std::string>();
  }
  json post_ok(const std::string& path, const std::string& body,
               const char* content_type = "application/json") {
    auto res = client_->Post(path.c_str(), body, content_type);
    EXPECT_TRUE(res) << httplib::to_string(res.error());
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body.substr(0, 500);
    return json::parse(res->body);
  }

  std::unique_ptr<test::ServeProcess> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string normal_answer_;
};

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST_F(HostileJsonTest, RefusesNestingAHundredThousandDeep) {
  // The 17th '[' is byte 17: refused there, before the parser builds anything.
  EXPECT_EQ(error_of(repeat("[", 100000) + repeat("]", 100000)),
            "malformed JSON: nested deeper than 16 levels at byte 17");
  // {"a": {"a": ... : 5 bytes a level, the 17th '{' is byte 16 * 5 + 1.
  EXPECT_EQ(error_of(repeat(R"({"a":)", 100000) + "1" + repeat("}", 100000)),
            "malformed JSON: nested deeper than 16 levels at byte 81");
  // Inside a what-if's list, and on every JSON endpoint.
  const std::string deep = R"({"failures": )" + repeat("[", 100000);
  EXPECT_EQ(error_of(deep), "malformed JSON: nested deeper than 16 levels at byte 29");
  EXPECT_EQ(error_of(deep, 400, "/api/render"),
            "malformed JSON: nested deeper than 16 levels at byte 29");
  EXPECT_EQ(error_of(deep, 400, "/api/scenario"),
            "malformed JSON: nested deeper than 16 levels at byte 29");
  EXPECT_EQ(error_of(deep, 400, "/api/compare"),
            "malformed JSON: nested deeper than 16 levels at byte 29");
  // Brackets inside strings are text, not nesting: a valid (if odd) name.
  json ok = post_ok("/api/simulate", R"({"name": ")" + repeat("[", 256) + R"("})");
  EXPECT_EQ(ok["scenario"]["name"].get<std::string>().size(), 256u);
}

TEST_F(HostileJsonTest, RefusesNumbersOutOfRange) {
  EXPECT_EQ(error_of(R"({"steps": 1e400})"), "malformed JSON: number overflow parsing '1e400'");
  EXPECT_EQ(error_of(R"({"failures": [{"role": "payments", "degrade": -1e400}]})"),
            "malformed JSON: number overflow parsing '-1e400'");
  // 2^70 written as an integer is not one nlohmann can hold: it reads it as a double.
  EXPECT_EQ(error_of(R"({"steps": 1180591620717411303424})"),
            "invalid what-if: steps: must be an integer");
  // 2^64 - 1 fits an unsigned 64-bit integer; it is reported clamped to 2^63 - 1.
  EXPECT_EQ(error_of(R"({"steps": 18446744073709551615})"),
            "invalid what-if: steps: steps must be in [1, 10000], got 9223372036854775807");
  EXPECT_EQ(
      error_of(
          R"({"failures": [{"role": "payments", "degrade": 0.5, "from": -9223372036854775808}]})"),
      "invalid what-if: failures[0].from: from must be at least 0, got -9223372036854775808");
  EXPECT_EQ(error_of(R"({"failures": [{"role": "payments", "degrade": 0.5, "to": 2147483648}]})"),
            "invalid what-if: failures[0].to: to must be at most 2147483647, got 2147483648");
  // -0 and -0.0 are zero: outside (0, 1].
  EXPECT_EQ(error_of(R"({"failures": [{"role": "payments", "degrade": -0}]})"),
            "invalid what-if: failures[0].degrade: degrade must be in (0, 1], got 0");
  EXPECT_EQ(error_of(R"({"failures": [{"role": "payments", "degrade": -0.0}]})"),
            "invalid what-if: failures[0].degrade: degrade must be in (0, 1], got -0");
  EXPECT_EQ(error_of(R"({"failures": [{"role": "payments", "degrade": 1.7976931348623157e308}]})"),
            "invalid what-if: failures[0].degrade: degrade must be in (0, 1], got "
            "1.7976931348623157e+308");
  // NaN and Infinity are not JSON.
  EXPECT_THAT(error_of(R"({"failures": [{"role": "payments", "degrade": NaN}]})"),
              StartsWith("malformed JSON: parse error at line 1, column 47: syntax error while "
                         "parsing value - invalid literal; last read: '\"degrade\": N'"));
  EXPECT_EQ(error_of(R"({"steps": Infinity})"),
            "malformed JSON: parse error at line 1, column 11: syntax error while parsing value "
            "- invalid literal; last read: '\"steps\": I'");
  // The smallest positive double is a genuine degrade in (0, 1]: answered.
  json tiny =
      post_ok("/api/simulate",
              R"({"failures": [{"role": "payments", "degrade": 4.9406564584124654e-324}]})");
  EXPECT_EQ(tiny["cx"]["baseline"], 85.0);
  EXPECT_EQ(tiny["cx"]["min"], 85.0);  // too small to move CX
}

TEST_F(HostileJsonTest, HandlesNulAndInvalidUtf8) {
  // An escaped NUL is a legal JSON string: an unknown role, echoed with the NUL written
  // out as \x00 (as the YAML loader echoes control characters).
  json j = post_error("/api/simulate",
                      R"({"failures": [{"role": "pay\u0000ments", "degrade": 0.5}]})", 400);
  ASSERT_EQ(j["details"].size(), 1u);
  EXPECT_EQ(j["details"][0],
            "failures[0].role: unknown role 'pay\\x00ments'; did you mean 'payments'?");
  EXPECT_EQ(j["error"],
            "invalid what-if: failures[0].role: unknown role 'pay\\x00ments'; did you mean "
            "'payments'?");
  // A raw NUL byte or raw control character in a string is not JSON.
  EXPECT_THAT(error_of(std::string(R"({"name": "a)") + '\0' + R"(b"})"),
              StartsWith("malformed JSON: parse error at line 1, column 12: syntax error while "
                         "parsing value - invalid string: control character U+0000 (NUL) must "
                         "be escaped to \\u0000; last read: "));
  // Invalid UTF-8 (a lone continuation byte, an overlong encoding, a lone surrogate).
  EXPECT_THAT(error_of("{\"name\": \"\x80\"}"),
              StartsWith("malformed JSON: parse error at line 1, column 11: syntax error while "
                         "parsing value - invalid string: ill-formed UTF-8 byte"));
  EXPECT_THAT(error_of("{\"name\": \"\xc0\xaf\"}"),
              HasSubstr("invalid string: ill-formed UTF-8 byte"));
  EXPECT_THAT(error_of(R"({"name": "\udc00"})"),
              HasSubstr("surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF"));
  // A NUL in a name or description is refused on every endpoint: Graphviz cuts DOT
  // strings at a NUL, so the picture of such a what-if failed with a 500.
  for (const char* path : {"/api/simulate", "/api/render", "/api/scenario"}) {
    json e = post_error(path, R"({"name": "x\u0000y", "description": "a\u0000b"})", 400);
    EXPECT_EQ(e["error"], "invalid what-if: 2 problems") << path;
    EXPECT_EQ(e["details"].dump(),
              R"j(["name: must not contain a NUL character (\\u0000)",)j"
              R"j("description: must not contain a NUL character (\\u0000)"])j")
        << path;
  }
  // Other control characters in a name are refused as a scenario file refuses them
  // (a saved what-if would not load again).
  json nl = post_error("/api/simulate", R"({"name": "two\nlines"})", 400);
  EXPECT_EQ(nl["details"].dump(),
            R"j(["name: must not contain control characters, got 'two\\nlines'"])j");
  // Markup in a name is a valid name: drawn, with the markup escaped in the SVG.
  const std::string marked = R"({"name": "x<script>alert(1)</script>",)"
                             R"( "failures": [{"role": "payments", "degrade": 0.5}]})";
  EXPECT_EQ(post_ok("/api/simulate", marked)["scenario"]["name"], "x<script>alert(1)</script>");
  auto svg = client_->Post("/api/render", marked, "application/json");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->status, 200) << svg->body.substr(0, 300);
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_THAT(svg->body, HasSubstr("</svg>"));
  EXPECT_THAT(svg->body, HasSubstr("x&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(svg->body, Not(HasSubstr("<script")));
}

TEST_F(HostileJsonTest, NamesUnknownRolesWithSuggestions) {
  json j = post_error("/api/simulate", R"({"failures": [{"role": "paymnts", "degrade": 0.5}],
      "changes": [{"role": "refunds", "depends_on": "no-such-role", "weight": 0.2}],
      "initial": [{"role": 42, "q": 0.1}]})",
                      400);
  EXPECT_EQ(j["error"], "invalid what-if: 3 problems");
  EXPECT_EQ(j["details"].dump(),
            R"(["failures[0].role: unknown role 'paymnts'; did you mean 'payments'?",)"
            R"("changes[0].depends_on: unknown role 'no-such-role'",)"
            R"j("initial[0].role: must be a role id (a string)"])j");
  // A 10,000-character unknown role id is echoed cut to 60 bytes.
  const std::string long_id(10000, 'x');
  j = post_error("/api/simulate",
                 R"({"failures": [{"role": ")" + long_id + R"(", "degrade": 0.5}]})", 400);
  EXPECT_EQ(j["error"],
            "invalid what-if: failures[0].role: unknown role '" + std::string(60, 'x') + "...'");
}

TEST_F(HostileJsonTest, RefusesWrongTypes) {
  EXPECT_EQ(error_of("[]"), "invalid what-if: the body must be a JSON object");
  EXPECT_EQ(error_of("null"), "invalid what-if: the body must be a JSON object");
  EXPECT_EQ(error_of(R"("failures")"), "invalid what-if: the body must be a JSON object");
  EXPECT_EQ(error_of("12"), "invalid what-if: the body must be a JSON object");
  json j = post_error("/api/simulate", R"({"failures": {"role": "payments"}, "changes": "none",
      "steps": "10", "static": 1, "name": ["a"], "description": {}, "extra": true})",
                      400);
  EXPECT_EQ(j["error"], "invalid what-if: 7 problems");
  EXPECT_EQ(j["details"].dump(),
            R"(["what-if: unknown field 'extra' in what-if","name: must be a string",)"
            R"("description: must be a string","steps: must be an integer",)"
            R"("static: must be true or false","failures: must be a JSON array",)"
            R"("changes: must be a JSON array"])");
  j = post_error("/api/simulate",
                 R"({"failures": [1, null, {"role": "payments", "degrade": "0.5", "to": 1.5}]})",
                 400);
  EXPECT_EQ(j["details"].dump(), R"(["failures[0]: failure must be a JSON object",)"
                                 R"("failures[1]: failure must be a JSON object",)"
                                 R"("failures[2].degrade: must be a number",)"
                                 R"("failures[2].to: must be an integer"])");
  EXPECT_EQ(error_of(R"({"baseline": {}, "what_if": [], "x": 1})", 400, "/api/compare"),
            "invalid comparison: the body must be {\"baseline\": what-if, \"what_if\": what-if}");
  EXPECT_EQ(error_of(R"({"baseline": {}, "what_if": []})", 400, "/api/compare"),
            "what_if: invalid what-if: the body must be a JSON object");
}

TEST_F(HostileJsonTest, RefusesBodiesOverOneMegabyte) {
  // 10 MB: 413, the connection survives long enough to say so.
  const std::string huge(10 << 20, ' ');
  for (const char* path :
       {"/api/simulate", "/api/render", "/api/scenario", "/api/parse", "/api/compare"}) {
    EXPECT_EQ(post_error(path, huge, 413)["error"], "request body too large (the limit is 1 MB)")
        << path;
  }
  // 10 MB sent chunked (no Content-Length: the server counts as it reads).
  auto chunked = client_->Post(
      "/api/simulate",
      [](std::size_t offset, httplib::DataSink& sink) {
        const std::string chunk(64 << 10, ' ');
        if (offset < (10u << 20)) {
          sink.write(chunk.data(), chunk.size());
        } else {
          sink.done();
        }
        return true;
      },
      "application/json");
  // (httplib 0.11 applies its size limit to Content-Length only: the server refuses
  // bodies without one rather than read 10 MB, or 10 GB, into memory.)
  if (chunked) {  // or the server hung up while the client still sent: also a refusal
    EXPECT_EQ(chunked->status, 411) << chunked->body.substr(0, 300);
    EXPECT_EQ(json::parse(chunked->body)["error"],
              "length required: send the request body with a Content-Length header (chunked "
              "bodies are not accepted)");
  }
  // The limit is exact: 1 MB of valid JSON (a name padded with spaces) is answered.
  std::string at_limit = R"({"name": "n")";
  at_limit += std::string((1 << 20) - at_limit.size() - 1, ' ') + "}";
  ASSERT_EQ(at_limit.size(), 1u << 20);
  EXPECT_EQ(post_ok("/api/simulate", at_limit)["scenario"]["name"], "n");
  EXPECT_EQ(post_error("/api/simulate", at_limit + " ", 413)["error"],
            "request body too large (the limit is 1 MB)");
}

TEST_F(HostileJsonTest, RefusesEmptyBodies) {
  EXPECT_EQ(error_of(""),
            "malformed JSON: parse error at line 1, column 1: syntax error while parsing value "
            "- unexpected end of input; expected '[', '{', or a literal");
  EXPECT_EQ(error_of("   \n"),
            "malformed JSON: parse error at line 2, column 1: syntax error while parsing value "
            "- unexpected end of input; expected '[', '{', or a literal");
  EXPECT_EQ(error_of("", 400, "/api/compare"),
            "malformed JSON: parse error at line 1, column 1: syntax error while parsing value "
            "- unexpected end of input; expected '[', '{', or a literal");
}

TEST_F(HostileJsonTest, RefusesBodiesNotSentAsJson) {
  // A valid body called anything but JSON is refused before it is read: text/plain
  // and form encoding are what a web page of another site can send without asking.
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "image/png"}) {
    EXPECT_THAT(post_error("/api/simulate", kNormal, 415, type)["error"].get<std::string>(),
                StartsWith("unsupported media type"))
        << type;
  }
}

TEST_F(HostileJsonTest, RefusesHugeArraysByCount) {
  // 100,000 failures ({} each: 300 KB) are refused by count before any is read.
  EXPECT_EQ(error_of(R"({"failures": [{})" + repeat(",{}", 99999) + "]}"),
            "invalid what-if: 100000 failures, changes and initial states; at most 10000 are "
            "allowed");
  // The limit counts the three lists together.
  EXPECT_EQ(error_of(R"({"failures": [{})" + repeat(",{}", 5000) + R"(], "initial": [{})" +
                     repeat(",{}", 4999) + "]}"),
            "invalid what-if: 10001 failures, changes and initial states; at most 10000 are "
            "allowed");
  // 100,000 real failures are 3.5 MB: over the body limit.
  const std::string one = R"({"role": "payments", "degrade": 0.5})";
  EXPECT_EQ(post_error("/api/simulate", R"({"failures": [)" + one + repeat("," + one, 99999) + "]}",
                       413)["error"],
            "request body too large (the limit is 1 MB)");
  // Exactly 10,000 failures of the same role are a genuine what-if. Overlapping failures
  // of a role add up and c_i is capped at 1 (model.md): the answer is that of one
  // failure with degrade 1.
  json j = post_ok("/api/simulate",
                   R"({"failures": [)" + one + repeat("," + one, 9999) + R"(], "steps": 40})");
  json single = post_ok("/api/simulate",
                        R"({"failures": [{"role": "payments", "degrade": 1}], "steps": 40})");
  ASSERT_EQ(single["cx"]["trajectory"].size(), 41u);
  EXPECT_EQ(j["cx"], single["cx"]);
  // 10,000 unknown roles: one line each in details.
  j = post_error("/api/simulate",
                 R"({"failures": [{"role": "x", "degrade": 0.5})" +
                     repeat(R"(,{"role": "x", "degrade": 0.5})", 9999) + "]}",
                 400);
  EXPECT_EQ(j["error"], "invalid what-if: 10000 problems");
  ASSERT_EQ(j["details"].size(), 10000u);
  EXPECT_EQ(j["details"][9999], "failures[9999].role: unknown role 'x'");
}

TEST_F(HostileJsonTest, RefusesHostileScenarioYaml) {
  // /api/parse takes YAML: deep flow nesting, an alias bomb and binary junk.
  json j = post_error(
      "/api/parse",
      "name: x\nmodel: model.yaml\nfailures: " + repeat("[", 100000) + repeat("]", 100000) + "\n",
      400);
  EXPECT_THAT(j["error"].get<std::string>(),
              StartsWith("cannot read the scenario: uploaded scenario:"));
  j = post_error("/api/parse", std::string("\xff\xfe\x00\x01garbage", 12), 400);
  EXPECT_THAT(j["error"].get<std::string>(),
              StartsWith("cannot read the scenario: uploaded scenario:"));
}

}  // namespace
}  // namespace orgsim::serve
