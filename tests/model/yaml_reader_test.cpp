#include "model/internal/yaml_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "tests/support/model_text.hpp"

// The YAML layer under the loader (model/yaml_reader.cpp), tested through the public
// API: invalid or dangerous YAML, nesting, line endings, numbers and field names.

namespace orgsim::model {
namespace {

constexpr std::string_view kModel = test::kSmallModel;
using test::model_error;

class YamlReaderTest : public ::testing::Test {};

TEST_F(YamlReaderTest, AcceptsNumberSpellings) {
  OrgGraph g = parse_model(R"(name: x
departments: [{id: d}]
roles:
  - {id: a, department: d, touchpoint: "0.5", recovery: 1}
  - {id: b, department: d, touchpoint: +.25, recovery: 5e-1}
  - {id: c, department: d, touchpoint: 1e-400}
)",
                           "m.yaml");
  EXPECT_EQ(g.role(RoleId(0)).touchpoint, 0.5);
  EXPECT_EQ(g.role(RoleId(0)).recovery, 1.0);
  EXPECT_EQ(g.role(RoleId(1)).touchpoint, 0.25);
  EXPECT_EQ(g.role(RoleId(1)).recovery, 0.5);
  EXPECT_EQ(g.role(RoleId(2)).touchpoint, 0.0);  // underflows to 0: finite, so fine
}

TEST_F(YamlReaderTest, AcceptsCrlfLineEndings) {
  std::string text(kModel);
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  OrgGraph g = parse_model(crlf, "m.yaml");
  EXPECT_EQ(g.role_count(), 3u);
  EXPECT_EQ(g.dependencies()[1].where.line, 11);
  // Quoted lines in messages leave the '\r' out.
  EXPECT_EQ(
      model_error("name: x\r\ndepartments: [{id: ops}]\r\nroles: [{id: r, department: op}]\r\n"),
      R"(m.yaml:3:29: error: unknown department 'op'; did you mean 'ops'?
    roles: [{id: r, department: op}]
                                ^
)");
}

TEST_F(YamlReaderTest, RejectsNonFiniteAndMalformedNumbers) {
  EXPECT_EQ(model_error(R"(name: x
departments: [{id: d}]
roles:
  - {id: a, department: d, touchpoint: .nan}
  - {id: b, department: d, touchpoint: -.Inf}
  - {id: c, department: d, touchpoint: 1e400}
  - {id: e, department: d, touchpoint: nan}
  - {id: f, department: d, touchpoint: 0x1}
  - {id: g, department: d, touchpoint: '0,5'}
  - {id: h, department: d, touchpoint: }
)"),
            R"(m.yaml:4:40: error: field 'touchpoint' must be a finite number, got '.nan'
      - {id: a, department: d, touchpoint: .nan}
                                           ^
m.yaml:5:40: error: field 'touchpoint' must be a finite number, got '-.Inf'
      - {id: b, department: d, touchpoint: -.Inf}
                                           ^
m.yaml:6:40: error: field 'touchpoint' must be a finite number, got '1e400'
      - {id: c, department: d, touchpoint: 1e400}
                                           ^
m.yaml:7:40: error: field 'touchpoint' must be a finite number, got 'nan'
      - {id: e, department: d, touchpoint: nan}
                                           ^
m.yaml:8:40: error: field 'touchpoint' must be a number, got '0x1'
      - {id: f, department: d, touchpoint: 0x1}
                                           ^
m.yaml:9:40: error: field 'touchpoint' must be a number, got '0,5'
      - {id: g, department: d, touchpoint: '0,5'}
                                           ^
m.yaml:10:28: error: field 'touchpoint' must be a number, got an empty value
      - {id: h, department: d, touchpoint: }
                               ^
)");
  // YAML 1.1 (libyaml) does not end a plain scalar at ":}", as yaml-cpp did: say so.
  EXPECT_EQ(
      model_error("name: x\nroles: [{id: h, touchpoint:}]\n"),
      R"(LoadError: m.yaml:2:27: error: invalid YAML: ':' must be followed by a space (write 'key: value', or 'key: ' for none)
    roles: [{id: h, touchpoint:}]
                              ^
)");
}

TEST_F(YamlReaderTest, RejectsDuplicateFields) {
  EXPECT_EQ(model_error(R"(name: x
departments: [{id: d}]
roles: [{id: a, department: d}, {id: b, department: d}]
dependencies:
  - {role: a, depends_on: b, weight: 0.5, weight: 0.7}
)"),
            R"(m.yaml:5:43: error: duplicate field 'weight'
      - {role: a, depends_on: b, weight: 0.5, weight: 0.7}
                                              ^
)");
}

TEST_F(YamlReaderTest, RejectsFieldNamesThatAreNotText) {
  EXPECT_EQ(
      model_error(
          "name: x\n[a]: 1\n{a: 5}: 6\ndepartments: [{id: d}]\nroles: [{id: r, department: d}]\n"),
      R"(m.yaml:2:1: error: field names must be plain text, got a sequence
    [a]: 1
    ^
m.yaml:3:1: error: field names must be plain text, got a mapping
    {a: 5}: 6
    ^
)");
  // libyaml (YAML 1.1) has no empty key, which yaml-cpp read as an empty value: it is a
  // syntax error now, in the same words, in a block mapping or a flow one.
  EXPECT_EQ(model_error("name: x\n: 5\n"),
            R"(LoadError: m.yaml:2:1: error: invalid YAML: a field name is missing before ':'
    : 5
    ^
)");
  EXPECT_EQ(model_error("name: x\ncx: {: 5}\n"),
            R"(LoadError: m.yaml:2:6: error: invalid YAML: a field name is missing before ':'
    cx: {: 5}
         ^
)");
}

TEST_F(YamlReaderTest, RejectsInvalidYaml) {
  EXPECT_EQ(model_error("name: x\nroles: [a, b\ndepartments: []\n"),
            R"(LoadError: m.yaml:3:12: error: invalid YAML: end of sequence flow not found
    departments: []
               ^
)");
}

TEST_F(YamlReaderTest, RejectsEmptyFilesAndOtherTopLevels) {
  EXPECT_EQ(model_error(""), "LoadError: m.yaml: error: file is empty\n");
  EXPECT_EQ(model_error("# only a comment\n---\n"), "LoadError: m.yaml: error: file is empty\n");
  EXPECT_EQ(
      model_error("- a\n- b\n"),
      R"(LoadError: m.yaml:1:1: error: the top level must be a mapping of fields, got a sequence
    - a
    ^
)");
  EXPECT_EQ(
      model_error("name: a\n---\nname: b\n"),
      R"(LoadError: m.yaml:3:1: error: file holds more than one YAML document; keep one per file
    name: b
    ^
)");
  EXPECT_EQ(
      model_error("name: a\n---\n---\n~\n---\nname: b\n"),
      R"(LoadError: m.yaml:6:1: error: file holds more than one YAML document; keep one per file
    name: b
    ^
)");
}

// yaml-cpp 0.7's LoadAll never returns on these: it loops, allocating, on a token at
// the top level that its parser skips without consuming. They must be errors.
TEST_F(YamlReaderTest, RejectsInputOnWhichYamlCppWouldLoopForever) {
  EXPECT_EQ(model_error(",name: x\n"), R"(LoadError: m.yaml:1:1: error: invalid YAML: unexpected ','
    ,name: x
    ^
)");
  EXPECT_EQ(model_error("{name: x}\n, roles: []\n"),
            R"(LoadError: m.yaml:2:1: error: invalid YAML: unexpected ','
    , roles: []
    ^
)");
  EXPECT_EQ(model_error("- a\n, b\n"), R"(LoadError: m.yaml:2:1: error: invalid YAML: unexpected ','
    , b
    ^
)");
  // Found by fuzzing: a '?' after a tag. libyaml refuses the tag itself ('|' cannot
  // follow '!'), a line earlier than yaml-cpp did.
  EXPECT_EQ(model_error("!|\n? -\n"), R"(LoadError: m.yaml:1:2: error: invalid YAML: unexpected '|'
    !|
     ^
)");
}

TEST_F(YamlReaderTest, AcceptsDocumentMarkersDirectivesAndAByteOrderMark) {
  for (std::string prefix : {"---\n", "%YAML 1.2\n---\n", "\xEF\xBB\xBF", "# notes\n\n"}) {
    for (std::string suffix : {"", "...\n", "---\n"}) {
      OrgGraph g = parse_model(prefix + std::string(kModel) + suffix, "m.yaml");
      EXPECT_EQ(g.role_count(), 3u) << prefix << suffix;
    }
  }
}

TEST_F(YamlReaderTest, RefusesDeepNestingBeforeParsing) {
  EXPECT_EQ(model_error(std::string(100'000, '[')),
            "LoadError: m.yaml:1:65: error: nested more than 64 levels deep (is a bracket left "
            "open?)\n");
  std::string dashes;
  for (int i = 0; i < 1000; ++i) dashes += "- ";
  EXPECT_EQ(model_error(dashes + "x\n"),
            "LoadError: m.yaml:1:129: error: nested more than 64 levels deep (is a bracket left "
            "open?)\n");
  // Block mappings count one level per key, however little they are indented; the
  // error points at the ':' that opens level 65.
  std::string keys;
  for (int i = 0; i < 100; ++i) keys += std::string(i, ' ') + "k:\n";
  EXPECT_EQ(model_error(keys),
            "LoadError: m.yaml:65:66: error: nested more than 64 levels deep (is a bracket left "
            "open?)\n    " +
                std::string(64, ' ') + "k:\n    " + std::string(65, ' ') + "^\n");
}

TEST_F(YamlReaderTest, NestingGuardIgnoresBracketsInTextAndComments) {
  std::string many(70, '[');
  OrgGraph g = parse_model("name: '" + many + "'\ndescription: |\n  " + many + "\n  it's " + many +
                               "\n# " + many + "\ndepartments: [{id: \"" + many +
                               "\"}]\nroles:\n  - id: r\n    department: \"" + many +
                               "\"\n    name: see " + many + "\n",
                           "m.yaml");
  EXPECT_EQ(g.name, many);
  EXPECT_EQ(g.role(RoleId(0)).name, "see " + many);
  EXPECT_EQ(g.departments()[0].id, many);
}

// libyaml refuses bytes that are not UTF-8 and control characters; yaml-cpp read them as
// they are, and so does the reader (placeholders in, the bytes back out), with columns
// in bytes after them.
TEST_F(YamlReaderTest, KeepsBytesLibyamlRefusesAndCountsColumnsInBytes) {
  const std::string odd =
      "a\x01"
      "b\xff\xc2\x85"
      "c\xf4\x8f\xbc\x80\x7f";
  OrgGraph g = parse_model("name: x\ndescription: " + odd +
                               "\ndepartments: [{id: d}]\nroles: [{id: r, department: d}]\n",
                           "m.yaml");
  EXPECT_EQ(g.description, odd);
  // 'bad' is at byte 20 of its line both times: "\xff\xfe" and "\xc3\xa9" count 2 each.
  EXPECT_THAT(model_error("name: x\ndepartments: [{id: d}]\nroles: [{id: \"\xff\xfe\", bad: 1, "
                          "department: d}, {id: \xc3\xa9, bad: 2, department: d}]\n"),
              ::testing::StartsWith("m.yaml:3:20: error: unknown field 'bad' in role"));
  EXPECT_THAT(model_error("name: x\ndepartments: [{id: d}]\nroles: [{id: \xc3\xa9\xc3\xa9, bad: 2, "
                          "department: d}]\n"),
              ::testing::StartsWith("m.yaml:3:20: error: unknown field 'bad' in role"));
}

// An alias is the node its anchor names, where the anchor is; an alias to nothing is an
// error; "~" and "null" are empty values; an empty list item is placed at the next token.
TEST_F(YamlReaderTest, ResolvesAliasesAndPlacesEmptyValues) {
  OrgGraph g = parse_model(
      "name: x\ndepartments: [{id: d}]\nroles:\n  - &r {id: a, department: d, touchpoint: 0.5}\n"
      "  - {id: b, department: d, touchpoint: 0.5}\ndependencies:\n"
      "  - &w {role: a, depends_on: b, weight: 0.25}\n  - {role: b, depends_on: a, weight: 0.5}\n",
      "m.yaml");
  EXPECT_EQ(g.dependencies().size(), 2u);
  EXPECT_EQ(model_error("name: x\ndepartments: [{id: d}]\nroles:\n  - &r {id: a, department: d}\n"
                        "  - *r\n"),
            R"(m.yaml:4:13: error: duplicate role id 'a' (first defined at line 4)
      - &r {id: a, department: d}
                ^
)");
  EXPECT_EQ(model_error("name: *nowhere\n"),
            R"(LoadError: m.yaml:1:7: error: invalid YAML: the referenced anchor is not defined
    name: *nowhere
          ^
)");
  EXPECT_EQ(model_error("name: x\ndescription: ~\ndepartments: null\nroles:\n  -\n  - 'null'\n"),
            R"(m.yaml:3:1: error: field 'departments' must not be empty
    departments: null
    ^
m.yaml:6:3: error: each item of 'roles' must be a mapping, got an empty value
      - 'null'
      ^
m.yaml:6:5: error: each item of 'roles' must be a mapping, got 'null'
      - 'null'
        ^
)");
}

}  // namespace
}  // namespace orgsim::model

namespace orgsim::model {
namespace {

// Names quoted in messages are escaped as printed paths are (common/printable): C1
// controls and bytes that are not UTF-8 as well as C0 controls; cut at 60 bytes on a
// character boundary.
TEST(InQuotesTest, EscapesEveryControlCharacterAndCutsOnACharacter) {
  EXPECT_EQ(in_quotes("a\tb\x1b[2J"), "'a\\tb\\x1b[2J'");
  EXPECT_EQ(in_quotes("csi\xc2\x9b"
                      "2J"),
            "'csi\\xc2\\x9b2J'");
  EXPECT_EQ(in_quotes("bad\xff"), "'bad\\xff'");
  EXPECT_EQ(in_quotes(std::string(59, 'x') + "\xc3\xa9" + "tail"),
            "'" + std::string(59, 'x') + "...'");
}

}  // namespace
}  // namespace orgsim::model
