// The survey of `orgsim elicit`: the questions in plain words and their CSV.
#include "app/elicit.hpp"
#include "model/csv_writer.hpp"
#include "model/time_unit.hpp"

namespace orgsim::app {

namespace {

std::string name_of(const model::OrgGraph& g, model::RoleId r) {
  const model::Role& role = g.role(r);
  return role.name.empty() ? role.id : role.name;
}

bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@'; }

}  // namespace

std::string_view kind_name(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::kDependency:
      return "dependency";
    case QuestionKind::kRecovery:
      return "recovery";
    case QuestionKind::kTouchpoint:
      return "touchpoint";
  }
  return "dependency";
}

std::string spreadsheet_cell(std::string_view text) {
  const bool risky =
      !text.empty() && (formula_start(text[0]) || (text[0] == '\'' && text.size() > 1 &&
                                                   (formula_start(text[1]) || text[1] == '\'')));
  return risky ? "'" + std::string(text) : std::string(text);
}

std::string_view from_spreadsheet_cell(std::string_view text) {
  if (text.size() > 1 && text[0] == '\'' && (formula_start(text[1]) || text[1] == '\'')) {
    text.remove_prefix(1);
  }
  return text;
}

std::vector<Question> survey_questions(const model::OrgGraph& g) {
  std::vector<Question> qs;
  const std::string unit = g.time_unit.empty() ? std::string(model::kDefaultTimeUnit) : g.time_unit;
  const std::string units = model::plural_unit(unit);
  auto add = [&qs](Question q) {
    q.id = "Q" + std::to_string(qs.size() + 1);
    qs.push_back(std::move(q));
  };
  for (std::size_t i = 0; i < g.dependencies().size(); ++i) {
    const model::Dependency& d = g.dependencies()[i];
    Question q;
    q.kind = QuestionKind::kDependency;
    q.role = d.role;
    q.depends_on = d.depends_on;
    q.dependency = i;
    q.text = "If " + name_of(g, d.depends_on) + " were half as effective for a " + unit +
             ", how much would " + name_of(g, d.role) +
             " suffer? 0 none, 1 a little, 2 noticeably, 3 a lot, 4 severely";
    add(std::move(q));
  }
  for (std::uint32_t r = 0; r < g.role_count(); ++r) {
    Question q;
    q.kind = QuestionKind::kRecovery;
    q.role = model::RoleId(r);
    q.text = "If " + name_of(g, q.role) + " stopped completely, how many " + units +
             " would it take to get half-way back to normal? A number of " + units +
             ", such as 0.5, 2 or 10";
    add(std::move(q));
  }
  bool any_touchpoint = false;
  for (const model::Role& r : g.roles()) any_touchpoint = any_touchpoint || r.touchpoint > 0.0;
  for (std::uint32_t r = 0; r < g.role_count(); ++r) {
    if (any_touchpoint && g.roles()[r].touchpoint <= 0.0) continue;
    Question q;
    q.kind = QuestionKind::kTouchpoint;
    q.role = model::RoleId(r);
    q.text =
        "Of 100 points customers use to judge us, how many are won or lost in their "
        "contact with " +
        name_of(g, q.role) + "? 0 to 100";
    add(std::move(q));
  }
  return qs;
}

std::string survey_csv(const model::OrgGraph& g, const std::vector<Question>& questions) {
  std::string out = "id,kind,role,depends_on,question,answer,note\n";
  for (const Question& q : questions) {
    out += q.id;
    out += ',';
    out += kind_name(q.kind);
    out += ',';
    model::append_csv_field(out, spreadsheet_cell(g.role(q.role).id));
    out += ',';
    if (q.kind == QuestionKind::kDependency) {
      model::append_csv_field(out, spreadsheet_cell(g.role(q.depends_on).id));
    }
    out += ',';
    model::append_csv_field(out, spreadsheet_cell(q.text));
    out += ",,\n";
  }
  return out;
}

}  // namespace orgsim::app
