#pragma once
// `orgsim elicit`: the numbers of a model asked of the people who know them. A survey
// (one plain-words question per dependency, recovery rate and touchpoint, with ids in
// columns), then several people's answered copies merged into the model: the median
// answer becomes the number, the spread is kept, and the questions people disagree on
// most are flagged in a short report. docs/elicitation.md is the reference.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "model/org_graph.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::app {

enum class QuestionKind { kDependency, kRecovery, kTouchpoint };

/// "dependency", "recovery", "touchpoint": the survey's `kind` column.
std::string_view kind_name(QuestionKind kind);

/// The dependency scale: answer k (0 none ... 4 severely) means the weight kScaleWeights[k]
/// (a fractional median between two answers is interpolated); 0 removes the dependency.
/// The weights follow docs/modelling-guide.md's table: a nuisance, felt every day, core.
inline constexpr std::array<double, 5> kScaleWeights = {0.0, 0.05, 0.12, 0.25, 0.4};
inline constexpr std::array<std::string_view, 5> kScaleWords = {"none", "a little", "noticeably",
                                                                "a lot", "severely"};

/// When answers to one question are far enough apart to be flagged: the highest and the
/// lowest differ by this many scale points (dependencies), this factor (half-lives of
/// recovery) or this many points of 100 (touchpoints).
inline constexpr double kDisagreeScalePoints = 2.0;
inline constexpr double kDisagreeRecoveryFactor = 3.0;
inline constexpr double kDisagreeTouchpointPoints = 20.0;

struct Question {
  QuestionKind kind = QuestionKind::kDependency;
  std::string id;              ///< "Q1", "Q2", ... in survey order
  model::RoleId role;          ///< the role asked about (the one that depends)
  model::RoleId depends_on;    ///< kDependency: the role it depends on
  std::size_t dependency = 0;  ///< kDependency: index in the model's dependencies
  std::string text;            ///< the question in plain words
};

/// The questions about `graph`: one per dependency (in file order), one recovery
/// question per role, one touchpoint question per touchpoint (every role when the model
/// has none). Time words come from graph.time_unit. Time complexity: O(roles + deps).
std::vector<Question> survey_questions(const model::OrgGraph& graph);

/// The survey as CSV: id,kind,role,depends_on,question,answer,note, one row per
/// question; `answer` and `note` are left empty for people to fill in. Cells a
/// spreadsheet would run as a formula (starting with = + - @) get a leading "'".
std::string survey_csv(const model::OrgGraph& graph, const std::vector<Question>& questions);

/// `text` with a leading "'" when a spreadsheet would take it for a formula (it starts
/// with = + - @, or with "'" before one of those); from_spreadsheet_cell undoes it.
std::string spreadsheet_cell(std::string_view text);
std::string_view from_spreadsheet_cell(std::string_view text);

/// One answered survey, as read.
struct AnswerFile {
  std::string file;  ///< named in messages and the report
  std::string text;
};

/// Every answer, by question and person: values[q][p] is person p's answer to question
/// q, or nullopt when left empty. Answers are scale points, half-lives in time units,
/// or points of 100, by the question's kind.
struct Answers {
  std::vector<std::string> people;  ///< the answer files, in the order given
  std::vector<std::vector<std::optional<double>>> values;
  /// What people wrote in the `note` column, by question and person ("" for none).
  std::vector<std::vector<std::string>> notes;
};

/// Reads the answered surveys against `questions` (matched by kind and role ids, so
/// rows may be reordered or left out). Every problem goes to `out` with file:line:col:
/// missing columns, an unknown kind or role (did you mean), a dependency the model does
/// not have, an answer out of its range, a question answered twice in one file.
/// Time complexity: O(total length + rows x log questions).
Answers read_answers(const model::OrgGraph& graph, const std::vector<Question>& questions,
                     const std::vector<AnswerFile>& files, Diagnostics& out);

/// One question's merged answers.
struct MergedQuestion {
  std::size_t question = 0;  ///< index in the questions
  QuestionKind kind = QuestionKind::kDependency;
  std::vector<double> answers;  ///< the answers given, sorted
  double median = 0.0;          ///< of `answers`; meaningless when there are none
  double spread = 0.0;    ///< highest - lowest (scale points, points of 100), or highest / lowest
  bool disagree = false;  ///< spread at or past the kind's threshold
  double before = 0.0;    ///< the model's number
  double after = 0.0;     ///< the merged number (0 with `removed`)
  bool removed = false;   ///< a dependency whose median answer is 0 (none)
};

struct Merge {
  model::OrgGraph graph;              ///< the model with the merged numbers
  model::YamlComments comments;       ///< each merged number's answers, median and spread
  std::vector<MergedQuestion> items;  ///< one per question, in survey order
  std::vector<std::string> people;
  std::vector<std::vector<std::string>> notes;  ///< as Answers::notes
  /// The touchpoint answers added up to more than 100 points: all were scaled by this.
  std::optional<double> touchpoint_scale;
};

/// Merges `answers` into `graph`: medians mapped to numbers (kScaleWeights for
/// dependencies, 1 - 0.5^(1 / half-life) for recovery, points / 100 for touchpoints),
/// questions nobody answered keep the model's number. Time complexity: O(questions x
/// people x log people + roles + deps).
Merge merge_answers(const model::OrgGraph& graph, const std::vector<Question>& questions,
                    const Answers& answers);

/// The questions people disagree on, most first (dependencies, then recovery, then
/// touchpoints; by spread within a kind).
std::vector<const MergedQuestion*> disagreements(const Merge& merge);

/// The short Markdown report of a merge: who answered, the disagreements first, then
/// every changed number, what people wrote in the note column, and what nobody
/// answered. Names and notes are escaped for Markdown.
std::string merge_report(const Merge& merge, const model::OrgGraph& before,
                         const std::vector<Question>& questions, std::string_view model_file);

}  // namespace orgsim::app
