// `orgsim elicit --merge`: medians to numbers, the spread, the disagreements, the report.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "app/elicit.hpp"
#include "common/number_format.hpp"
#include "model/time_unit.hpp"

namespace orgsim::app {

namespace {

double round3(double v) {
  const std::string text = format_significant(v, 3);
  double out = v;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

std::string num(double v) { return format_significant(v, 3); }

double median(const std::vector<double>& sorted) {
  const std::size_t n = sorted.size();
  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

// The weight of a median scale answer, interpolated between the scale's points.
double scale_weight(double m) {
  if (m <= 0.0) return 0.0;
  if (m >= 4.0) return kScaleWeights[4];
  const auto k = static_cast<std::size_t>(std::floor(m));
  const double frac = m - static_cast<double>(k);
  return round3(kScaleWeights[k] + frac * (kScaleWeights[k + 1] - kScaleWeights[k]));
}

std::string scale_text(double m) {
  const double whole = std::round(m);
  if (whole == m) return num(m) + " " + std::string(kScaleWords[static_cast<std::size_t>(whole)]);
  return num(m);
}

std::string name_of(const model::OrgGraph& g, model::RoleId r) {
  const model::Role& role = g.role(r);
  return role.name.empty() ? role.id : role.name;
}

std::string list(const std::vector<double>& values) {
  std::string out;
  for (double v : values) out += (out.empty() ? "" : ", ") + format_shortest(v);
  return out;
}

// One question's answers in a comment or report line.
std::string answered(const MergedQuestion& m, QuestionKind kind, std::string_view units) {
  std::string s = list(m.answers);
  switch (kind) {
    case QuestionKind::kDependency:
      return s + " (median " + scale_text(m.median) + ")";
    case QuestionKind::kRecovery:
      return s + " " + std::string(units) + " to half-way (median " + num(m.median) + ")";
    case QuestionKind::kTouchpoint:
      return s + " points (median " + num(m.median) + ")";
  }
  return s;
}

std::string md(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += ' ';
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else if (std::string_view("\\`*_[]|#").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string about(const model::OrgGraph& g, const Question& q) {
  switch (q.kind) {
    case QuestionKind::kDependency:
      return name_of(g, q.role) + " on " + name_of(g, q.depends_on);
    case QuestionKind::kRecovery:
      return name_of(g, q.role) + ": recovery";
    case QuestionKind::kTouchpoint:
      return name_of(g, q.role) + ": touchpoint";
  }
  return "";
}

}  // namespace

Merge merge_answers(const model::OrgGraph& graph, const std::vector<Question>& questions,
                    const Answers& answers) {
  Merge m;
  m.graph = graph;
  m.people = answers.people;
  m.notes = answers.notes;
  model::OrgGraph& g = m.graph;
  const std::string units = model::plural_unit(g.time_unit.empty() ? "step" : g.time_unit);
  std::vector<bool> removed(g.dependencies().size(), false), dep_set(removed.size(), false);
  std::vector<bool> recovery_set(g.role_count(), false), touch_set(g.role_count(), false);
  std::vector<std::string> dep_notes(removed.size()), role_notes(g.role_count());
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    MergedQuestion item;
    item.question = i;
    item.kind = q.kind;
    for (const auto& v : answers.values[i]) {
      if (v) item.answers.push_back(*v);
    }
    std::sort(item.answers.begin(), item.answers.end());
    model::Role& role = g.role(q.role);
    item.before = q.kind == QuestionKind::kDependency ? g.dependencies()[q.dependency].weight
                  : q.kind == QuestionKind::kRecovery ? role.recovery
                                                      : role.touchpoint;
    item.after = item.before;
    if (!item.answers.empty()) {
      item.median = median(item.answers);
      const double lo = item.answers.front(), hi = item.answers.back();
      switch (q.kind) {
        case QuestionKind::kDependency:
          item.spread = hi - lo;
          item.disagree = item.spread >= kDisagreeScalePoints;
          item.after = scale_weight(item.median);
          item.removed = item.after == 0.0;
          g.mutable_dependencies()[q.dependency].weight = item.after;
          removed[q.dependency] = item.removed;
          dep_set[q.dependency] = true;
          break;
        case QuestionKind::kRecovery:
          item.spread = hi / lo;
          item.disagree = item.spread >= kDisagreeRecoveryFactor;
          item.after = round3(1.0 - std::pow(0.5, 1.0 / item.median));
          role.recovery = item.after;
          recovery_set[q.role.value] = true;
          break;
        case QuestionKind::kTouchpoint:
          item.spread = hi - lo;
          item.disagree = item.spread >= kDisagreeTouchpointPoints;
          item.after = item.median / 100.0;
          role.touchpoint = item.after;
          touch_set[q.role.value] = true;
          break;
      }
    }
    m.items.push_back(std::move(item));
  }
  // Touchpoints above 100 points in all are scaled down to 1, rounded down to 0.0001.
  double sum = 0.0;
  for (const model::Role& r : g.roles()) sum += r.touchpoint;
  if (sum > 1.0 + 1e-12) {
    m.touchpoint_scale = 1.0 / sum;
    for (std::uint32_t r = 0; r < g.role_count(); ++r) {
      model::Role& role = g.role(model::RoleId(r));
      role.touchpoint = std::floor(role.touchpoint / sum * 10000.0) / 10000.0;
      touch_set[r] = touch_set[r] || role.touchpoint > 0.0;
    }
    for (MergedQuestion& item : m.items) {
      const Question& q = questions[item.question];
      if (q.kind == QuestionKind::kTouchpoint) item.after = g.role(q.role).touchpoint;
    }
  }
  // Each merged number's comment, once the numbers are final.
  for (const MergedQuestion& item : m.items) {
    if (item.answers.empty()) continue;
    const Question& q = questions[item.question];
    std::string& slot =
        q.kind == QuestionKind::kDependency ? dep_notes[q.dependency] : role_notes[q.role.value];
    slot += (slot.empty() ? "" : "; ") + q.id + " " + std::string(kind_name(q.kind)) + ": " +
            answered(item, q.kind, units) + " -> " + num(item.after) +
            (item.disagree ? "; DISAGREE: talk it through" : "");
  }
  // A merged number replaces the distribution it had; removed dependencies renumber.
  std::vector<std::size_t> new_index(removed.size());
  std::vector<model::Dependency> kept;
  for (std::size_t d = 0; d < removed.size(); ++d) {
    new_index[d] = kept.size();
    if (removed[d]) continue;
    kept.push_back(g.dependencies()[d]);
    m.comments.dependencies.push_back(dep_notes[d]);
  }
  std::vector<model::UncertainParameter> uncertain;
  for (model::UncertainParameter p : g.uncertain) {
    if (p.field == model::UncertainField::kDependencyWeight) {
      if (removed[p.index] || dep_set[p.index]) continue;
      p.index = new_index[p.index];
    } else if ((p.field == model::UncertainField::kRoleRecovery && recovery_set[p.index]) ||
               (p.field == model::UncertainField::kRoleTouchpoint && touch_set[p.index])) {
      continue;
    }
    uncertain.push_back(std::move(p));
  }
  g.uncertain = std::move(uncertain);
  g.mutable_dependencies() = std::move(kept);
  m.comments.roles = std::move(role_notes);
  std::ostringstream h;
  h << "Numbers merged by orgsim elicit --merge from the answers of " << m.people.size()
    << (m.people.size() == 1 ? " person: " : " people: ");
  for (std::size_t p = 0; p < m.people.size(); ++p) h << (p ? ", " : "") << m.people[p];
  h << ".\nEach comment gives a question, its answers and their median; DISAGREE marks\n"
    << "answers far apart (docs/elicitation.md). Questions nobody answered kept their number.";
  if (m.touchpoint_scale) {
    h << "\nThe touchpoint answers added up to more than 100 points: all were scaled by "
      << num(*m.touchpoint_scale) << ".";
  }
  m.comments.header = h.str();
  return m;
}

std::vector<const MergedQuestion*> disagreements(const Merge& merge) {
  std::vector<const MergedQuestion*> out;
  for (const MergedQuestion& item : merge.items) {
    if (item.disagree) out.push_back(&item);
  }
  // Kinds in survey order (dependencies first); the widest spread first within a kind.
  std::stable_sort(out.begin(), out.end(), [&](const MergedQuestion* a, const MergedQuestion* b) {
    if (a->kind != b->kind) return a->kind < b->kind;
    return a->spread > b->spread;
  });
  return out;
}

std::string merge_report(const Merge& merge, const model::OrgGraph& before,
                         const std::vector<Question>& questions, std::string_view model_file) {
  const std::string units =
      model::plural_unit(before.time_unit.empty() ? "step" : before.time_unit);
  std::ostringstream r;
  r << "# Elicitation: " << md(before.name) << "\n\n"
    << "Answers from " << merge.people.size() << (merge.people.size() == 1 ? " person" : " people")
    << ": ";
  for (std::size_t p = 0; p < merge.people.size(); ++p) {
    r << (p ? ", " : "") << md(merge.people[p]);
  }
  r << ". Merged by `orgsim elicit --merge` into " << md(model_file)
    << ": each number is the median answer (docs/elicitation.md gives the scale).\n\n";
  auto row = [&](const MergedQuestion& m, bool with_before) {
    const Question& q = questions[m.question];
    r << "| " << q.id << " | " << md(about(before, q)) << " | " << md(answered(m, q.kind, units))
      << " | ";
    if (with_before) r << num(m.before) << " | ";
    r << (m.removed ? std::string("removed") : num(m.after)) << " |\n";
  };
  r << "## Where people disagree most\n\n";
  const auto flagged = disagreements(merge);
  if (flagged.empty()) {
    r << "Nowhere: on every question the answers are within " << kDisagreeScalePoints
      << " scale points (dependencies), a factor " << kDisagreeRecoveryFactor << " (recovery) and "
      << kDisagreeTouchpointPoints << " points (touchpoints).\n\n";
  } else {
    r << "Answers at least " << kDisagreeScalePoints << " scale points apart (dependencies), a "
      << "factor " << kDisagreeRecoveryFactor << " apart (recovery) or "
      << kDisagreeTouchpointPoints << " points apart (touchpoints). Talk these through: the "
      << "median hides them.\n\n| question | about | answers | merged |\n|---|---|---|---|\n";
    for (const MergedQuestion* m : flagged) row(*m, false);
    r << "\n";
  }
  r << "## Numbers that changed\n\n";
  std::size_t changed = 0;
  for (const MergedQuestion& m : merge.items) changed += !m.answers.empty() && m.after != m.before;
  if (changed == 0) {
    r << "None: the answers confirm the model's numbers.\n\n";
  } else {
    r << "| question | about | answers | before | after |\n|---|---|---|---|---|\n";
    for (const MergedQuestion& m : merge.items) {
      if (!m.answers.empty() && m.after != m.before) row(m, true);
    }
    r << "\n";
  }
  if (merge.touchpoint_scale) {
    r << "The touchpoint answers added up to more than 100 points: every touchpoint was scaled "
      << "by " << num(*merge.touchpoint_scale) << ".\n\n";
  }
  std::size_t notes = 0;
  for (std::size_t q = 0; q < merge.notes.size(); ++q) {
    for (std::size_t p = 0; p < merge.notes[q].size(); ++p) {
      if (merge.notes[q][p].empty()) continue;
      if (notes++ == 0) r << "## What people wrote\n\n";
      if (notes > 100) continue;
      r << "- " << questions[q].id << " (" << md(about(before, questions[q])) << "), "
        << md(merge.people[p]) << ": " << md(merge.notes[q][p]) << "\n";
    }
  }
  if (notes > 100) r << "- ... and " << notes - 100 << " more\n";
  if (notes > 0) r << "\n";
  std::string unanswered;
  std::size_t n = 0;
  for (const MergedQuestion& m : merge.items) {
    if (!m.answers.empty()) continue;
    if (++n <= 50) unanswered += (unanswered.empty() ? "" : ", ") + questions[m.question].id;
  }
  r << "## Not answered\n\n";
  if (n == 0) {
    r << "Every question has at least one answer.\n";
  } else {
    r << n << (n == 1 ? " question has" : " questions have")
      << " no answer and kept the model's number: " << unanswered << (n > 50 ? ", ..." : "")
      << ".\n";
  }
  return r.str();
}

}  // namespace orgsim::app
