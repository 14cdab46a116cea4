// Answered surveys of `orgsim elicit --merge`, read and checked against the questions.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

#include "app/elicit.hpp"
#include "model/csv_reader.hpp"
#include "model/internal/name_hints.hpp"
#include "model/rules.hpp"

namespace orgsim::app {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> number(std::string_view s) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// An answer as its kind allows, or the problem. A scale answer may carry its word
// ("2 noticeably"), as people copy it from the question.
std::optional<double> parse_answer(QuestionKind kind, std::string_view cell, std::string& problem) {
  switch (kind) {
    case QuestionKind::kDependency: {
      const std::string_view digit = cell.substr(0, 1);
      const bool word_after = cell.size() == 1 || cell[1] == ' ';
      if (!digit.empty() && digit[0] >= '0' && digit[0] <= '4' && word_after) {
        return digit[0] - '0';
      }
      problem =
          "answer must be 0, 1, 2, 3 or 4 (0 none ... 4 severely), got " + model::in_quotes(cell);
      return std::nullopt;
    }
    case QuestionKind::kRecovery: {
      const auto v = number(cell);
      if (v && *v > 0.0) return v;
      problem = "answer must be a number of time units above 0 (0.5, 2, 10), got " +
                model::in_quotes(cell);
      return std::nullopt;
    }
    case QuestionKind::kTouchpoint: {
      const auto v = number(cell);
      if (v && *v >= 0.0 && *v <= 100.0) return v;
      problem = "answer must be a number of points from 0 to 100, got " + model::in_quotes(cell);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// The question of each (kind, role id, depends_on id).
using Key = std::tuple<std::string, std::string, std::string>;

struct Columns {
  int kind = -1, role = -1, depends_on = -1, answer = -1, note = -1;
};

}  // namespace

Answers read_answers(const model::OrgGraph& g, const std::vector<Question>& questions,
                     const std::vector<AnswerFile>& files, Diagnostics& out) {
  std::map<Key, std::size_t> by_key;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    by_key[{std::string(kind_name(q.kind)), g.role(q.role).id,
            q.kind == QuestionKind::kDependency ? g.role(q.depends_on).id : std::string()}] = i;
  }
  Answers answers;
  answers.values.assign(questions.size(), std::vector<std::optional<double>>(files.size()));
  answers.notes.assign(questions.size(), std::vector<std::string>(files.size()));
  std::vector<model::CsvField> fields;
  std::string scratch;
  model::SuggestBudget budget;  // many unknown roles in a large model stay fast
  auto suggest = [&](std::string_view id) {
    return budget.suggest(id, g.role_count(),
                          [&](std::size_t i) -> std::string_view { return g.roles()[i].id; });
  };
  for (std::size_t p = 0; p < files.size(); ++p) {
    const AnswerFile& f = files[p];
    answers.people.push_back(f.file);
    auto error = [&](TextPos at, std::string message) {
      out.error({f.file, at.line, at.column}, std::move(message));
    };
    model::CsvReader reader(f.text);
    auto status = reader.next(fields);
    if (status == model::CsvReader::Status::kEnd) {
      out.error({f.file}, "file is empty; expected the survey that orgsim elicit wrote");
      continue;
    }
    if (status == model::CsvReader::Status::kError) {
      error(reader.error().where, reader.error().message);
      continue;
    }
    Columns c;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string_view name = trim(model::CsvReader::value(fields[i], scratch));
      int* slot = name == "kind"         ? &c.kind
                  : name == "role"       ? &c.role
                  : name == "depends_on" ? &c.depends_on
                  : name == "answer"     ? &c.answer
                  : name == "note"       ? &c.note
                                         : nullptr;
      if (slot != nullptr && *slot < 0) *slot = static_cast<int>(i);
    }
    bool header_ok = true;
    for (auto [slot, name] :
         {std::pair{c.kind, "kind"}, std::pair{c.role, "role"},
          std::pair{c.depends_on, "depends_on"}, std::pair{c.answer, "answer"}}) {
      if (slot >= 0) continue;
      error({reader.line(), 1}, std::string("missing column '") + name +
                                    "'; the first line must be the survey's "
                                    "(id,kind,role,depends_on,question,answer,note)");
      header_ok = false;
    }
    if (!header_ok) continue;
    const std::size_t width = fields.size();
    std::map<std::size_t, int> seen;  // question -> line answered
    while ((status = reader.next(fields)) != model::CsvReader::Status::kEnd) {
      if (status == model::CsvReader::Status::kError) {
        error(reader.error().where, reader.error().message);
        continue;
      }
      if (fields.size() != width) {
        const TextPos at = fields.size() > width ? fields[width].where : TextPos{reader.line(), 1};
        error(at, "row has " + std::to_string(fields.size()) + " fields, the header has " +
                      std::to_string(width));
        continue;
      }
      auto cell = [&](int i) {
        return std::string(trim(from_spreadsheet_cell(
            model::CsvReader::value(fields[static_cast<std::size_t>(i)], scratch))));
      };
      auto where = [&](int i) { return fields[static_cast<std::size_t>(i)].where; };
      const std::string kind = cell(c.kind), role = cell(c.role), on = cell(c.depends_on);
      const std::string answer = cell(c.answer);
      if (kind != "dependency" && kind != "recovery" && kind != "touchpoint") {
        error(where(c.kind), "unknown kind " + model::in_quotes(kind) +
                                 " (the kinds are dependency, recovery, touchpoint)");
        continue;
      }
      if (!g.find_role(role)) {
        error(where(c.role), "unknown role " + model::in_quotes(role) + suggest(role));
        continue;
      }
      const bool dependency = kind == "dependency";
      if (dependency && !g.find_role(on)) {
        error(where(c.depends_on), "unknown role " + model::in_quotes(on) + suggest(on));
        continue;
      }
      auto it = by_key.find({kind, role, dependency ? on : std::string()});
      if (it == by_key.end()) {
        error(where(dependency ? c.depends_on : c.role),
              dependency ? "the model has no dependency " + role + " -> " + on
                         : "the survey asks no " + kind + " question about role " +
                               model::in_quotes(role));
        continue;
      }
      if (c.note >= 0) answers.notes[it->second][p] = cell(c.note);
      if (answer.empty()) continue;  // not answered: this person does not know
      std::string problem;
      const auto value = parse_answer(questions[it->second].kind, answer, problem);
      if (!value) {
        error(where(c.answer), problem);
        continue;
      }
      auto [first, fresh] = seen.emplace(it->second, reader.line());
      if (!fresh) {
        error(where(c.answer), questions[it->second].id + " is answered twice (first at line " +
                                   std::to_string(first->second) + ")");
        continue;
      }
      answers.values[it->second][p] = *value;
    }
  }
  return answers;
}

}  // namespace orgsim::app
