// `orgsim elicit`: a survey of the model's numbers out, or answered surveys merged in.
#include <fstream>
#include <sstream>
#include <system_error>

#include "app/elicit.hpp"
#include "app/load_input.hpp"
#include "app/model_output.hpp"
#include "app/output_guard.hpp"
#include "app/text.hpp"
#include "cli/commands.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"
#include "common/source_files.hpp"
#include "model/validate.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

namespace fs = std::filesystem;

namespace {

std::string read_answer_file(const fs::path& path, std::uintmax_t max_mb) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw InvalidArgument("--merge: '" + printable_path(path) + "' is not a file");
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_mb * 1024 * 1024) {
    throw InvalidArgument("--merge: '" + printable_path(path) +
                          "' is too large: " + std::to_string(size) + " bytes, the limit is " +
                          std::to_string(max_mb) + " MB (--max-input-mb)");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InvalidArgument("--merge: cannot read '" + printable_path(path) + "'");
  return text.str();
}

// model.yaml -> model-report.md, in the same folder.
fs::path default_report(const fs::path& output) {
  return output.parent_path() / (output.stem().string() + "-report.md");
}

int write_survey(const ElicitOptions& options, std::ostream& out, std::ostream& err) {
  const LoadedInput in = load_input(options.model, options.input, err);
  refuse_overwriting_inputs(options.output, in.scenario, "-o/--output");
  const model::OrgGraph& g = in.scenario.model;
  const std::vector<Question> questions = survey_questions(g);
  write_file_atomically(options.output, survey_csv(g, questions));
  std::size_t count[3] = {0, 0, 0};
  for (const Question& q : questions) ++count[static_cast<int>(q.kind)];
  out << "Wrote " << printable_path(options.output) << ": "
      << count_of(questions.size(), "question", "questions") << " ("
      << count_of(count[0], "dependency", "dependencies") << ", "
      << count_of(count[1], "recovery rate", "recovery rates") << ", "
      << count_of(count[2], "touchpoint", "touchpoints") << ").\n"
      << "Give each person who knows a copy to fill in the answer column, then\n"
      << "  " << printable(options.program) << " elicit " << printable_path(options.model)
      << " --merge answers/*.csv -o "
      << "agreed.yaml\n";
  return kExitOk;
}

int merge(const ElicitOptions& options, std::ostream& out, std::ostream& err) {
  const LoadedInput in = load_input(options.model, options.input, err);
  const fs::path report = options.report ? *options.report : default_report(options.output);
  std::vector<InputFile> inputs;
  for (const fs::path& a : options.merge) inputs.push_back({a, "an answer file"});
  inputs.push_back({options.output, "the model written"});
  refuse_overwriting_inputs(options.output, in.scenario, "-o/--output");
  refuse_overwriting_inputs(options.output, std::span(inputs).first(options.merge.size()),
                            "-o/--output");
  refuse_overwriting_inputs(report, in.scenario, "--report");
  refuse_overwriting_inputs(report, inputs, "--report");

  const model::OrgGraph& g = in.scenario.model;
  const std::vector<Question> questions = survey_questions(g);
  std::vector<AnswerFile> files;
  SourceFiles sources;
  for (const fs::path& a : options.merge) {
    files.push_back({a.string(), read_answer_file(a, options.input.max_input_mb)});
    sources.add(files.back().file, files.back().text);
  }
  Diagnostics problems;
  const Answers answers = read_answers(g, questions, files, problems);
  model::throw_if_errors(problems, &sources);

  const Merge merged = merge_answers(g, questions, answers);
  const std::string text =
      checked_model_yaml(merged.graph, merged.comments, options.output, options.input, err);
  write_file_atomically(report, merge_report(merged, g, questions, options.output.string()));
  write_file_atomically(options.output, text);

  std::size_t answered = 0, changed = 0, removed = 0;
  for (const MergedQuestion& m : merged.items) {
    answered += !m.answers.empty();
    changed += !m.answers.empty() && m.after != m.before;
    removed += m.removed;
  }
  out << "Merged the answers of " << count_of(files.size(), "person", "people") << " into "
      << printable_path(options.output) << ": " << answered << " of "
      << count_of(questions.size(), "question", "questions") << " answered, " << changed
      << " changed, " << count_of(removed, "dependency", "dependencies") << " removed.\n";
  const auto flagged = disagreements(merged);
  if (flagged.empty()) {
    out << "People agree on every question (docs/elicitation.md says how far apart is far).\n";
  } else {
    out << "People disagree most on:\n";
    for (std::size_t i = 0; i < flagged.size() && i < 10; ++i) {
      const Question& q = questions[flagged[i]->question];
      std::string what = q.kind == QuestionKind::kDependency
                             ? g.role(q.role).id + " on " + g.role(q.depends_on).id
                             : g.role(q.role).id + " " + std::string(kind_name(q.kind));
      std::string answers_text;
      for (double v : flagged[i]->answers) {
        answers_text += (answers_text.empty() ? "" : ", ") + format_shortest(v);
      }
      out << "  " << fit(q.id, 5) << " " << terminal_safe(what) << ": " << answers_text << "\n";
    }
    if (flagged.size() > 10) out << "  ... and " << flagged.size() - 10 << " more\n";
  }
  out << "Report: " << printable_path(report) << "\n";
  return kExitOk;
}

}  // namespace

int run_elicit(const ElicitOptions& options, std::ostream& out, std::ostream& err) {
  if (options.merge.empty()) {
    if (options.report) throw InvalidArgument("--report: only with --merge");
    return write_survey(options, out, err);
  }
  return merge(options, out, err);
}

}  // namespace orgsim::cli
