#include "model/yaml_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <unordered_map>

#include "common/number_format.hpp"
#include "model/time_unit.hpp"

namespace orgsim::model {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters that mean nothing special to YAML anywhere in a plain scalar, in block
// or flow context (no ':', '#', ',', brackets, quotes, '&', '*', '!', '|', '>', '%', '@').
bool is_plain_char(char c) {
  return is_letter(c) || is_digit(c) || c == ' ' || c == '_' || c == '.' || c == '-' || c == '/' ||
         c == '(' || c == ')';
}

// Words a YAML 1.1 reader (PyYAML, many editors) resolves to a boolean or null.
bool is_yaml11_word(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kWords = {"y",   "n",    "yes",   "no",  "on",
                                                             "off", "true", "false", "null"};
  if (text.size() > 5) return false;
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::string_view w : kWords) {
    if (lower == w) return true;
  }
  return false;
}

// A token every YAML reader takes as the same string, unquoted. Everything that
// starts with a digit or sign, or a dot not followed by '.' or '/', is left out, so
// nothing numeric-looking is plain.
bool is_plain_token(std::string_view text) {
  if (text.empty()) return false;
  const char first = text.front();
  // A path such as "../model.yaml" or "/srv/x" is plain; ".5" and ".inf" are not.
  const bool path_start =
      first == '/' || (first == '.' && text.size() > 1 && (text[1] == '.' || text[1] == '/'));
  if (!(is_letter(first) || first == '_' || path_start)) return false;
  if (text.back() == ' ') return false;
  for (char c : text) {
    if (!is_plain_char(c)) return false;
  }
  return !is_yaml11_word(text);
}

void append_escape_hex(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// YAML double-quoted style. Control characters are escaped; so are the Unicode line
// breaks U+0085, U+2028, U+2029 and the byte-order mark, which readers may fold or drop.
void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::string_view rest = text.substr(i);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      append_escape_hex(out, c);
    } else if (rest.starts_with("\xC2\x85")) {
      out += "\\u0085";  // not \N: yaml-cpp 0.7 reads that as the byte 0x85
      i += 1;
    } else if (rest.starts_with("\xE2\x80\xA8")) {
      out += "\\u2028";
      i += 2;
    } else if (rest.starts_with("\xE2\x80\xA9")) {
      out += "\\u2029";
      i += 2;
    } else if (rest.starts_with("\xEF\xBB\xBF")) {
      out += "\\uFEFF";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

void append_scalar(std::string& out, std::string_view text) {
  if (is_plain_token(text)) {
    out += text;
  } else {
    append_quoted(out, text);
  }
}

void append_integer(std::string& out, long long value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

// `key: value` on its own line at `indent`, for text fields.
void append_text_field(std::string& out, std::string_view indent, std::string_view key,
                       std::string_view value) {
  out += indent;
  out += key;
  out += ": ";
  append_scalar(out, value);
  out += '\n';
}

// The ", key: " between fields of a flow mapping.
void append_key(std::string& out, std::string_view key) {
  out += ", ";
  out += key;
  out += ": ";
}

// The distributions of a model or scenario by field and index; empty (and never
// looked at) for the usual file without any.
class DistributionIndex {
 public:
  explicit DistributionIndex(const std::vector<UncertainParameter>& list) {
    for (const UncertainParameter& p : list) map_.emplace(key(p.field, p.index), &p.dist);
  }
  const Distribution* find(UncertainField field, std::size_t index) const {
    if (map_.empty()) return nullptr;
    auto it = map_.find(key(field, index));
    return it == map_.end() ? nullptr : it->second;
  }

 private:
  static std::uint64_t key(UncertainField field, std::size_t index) {
    return (std::uint64_t(field) << 32) | index;
  }
  std::unordered_map<std::uint64_t, const Distribution*> map_;
};

// The shortest text that reads back as `value` ("0.8"), with a point before any exponent
// ("1.0e-07", not "1e-07"): YAML 1.1 readers (PyYAML) take a number with an exponent but
// no point for a string. Every reader gets the same double either way.
void append_number(std::string& out, double value) {
  const std::size_t start = out.size();
  append_shortest(out, value);
  const std::size_t e = out.find('e', start);
  if (e != std::string::npos && out.find('.', start) == std::string::npos) out.insert(e, ".0");
}

// A number, or the distribution it is the nominal value of.
void append_value(std::string& out, double value, const Distribution* dist) {
  if (dist) {
    out += dist->to_yaml();
  } else {
    append_number(out, value);
  }
}

// A comment as YAML keeps it: one line, "# " before it; line breaks and other control
// characters become spaces (a line break would end the comment and start YAML).
void append_comment(std::string& out, std::string_view text) {
  out += text.empty() ? "#" : "# ";
  for (char c : text) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? ' ' : c;
}

// The end of a list item's line: "}", its comment if it has one, the line break.
void end_item(std::string& out, const std::vector<std::string>& comments, std::size_t i) {
  out += '}';
  if (i < comments.size() && !comments[i].empty()) {
    out += "  ";
    append_comment(out, comments[i]);
  }
  out += '\n';
}

void append_roles(std::string& out, const OrgGraph& g, const std::vector<std::string>& comments) {
  const DistributionIndex dists(g.uncertain);
  out += "roles:\n";
  for (std::size_t i = 0; i < g.roles().size(); ++i) {
    const Role& r = g.roles()[i];
    const Distribution* touchpoint = dists.find(UncertainField::kRoleTouchpoint, i);
    out += "  - {id: ";
    append_scalar(out, r.id);
    if (!r.name.empty() && r.name != r.id) {
      append_key(out, "name");
      append_scalar(out, r.name);
    }
    append_key(out, "department");
    append_scalar(out, g.department(r.department).id);
    append_key(out, "recovery");
    append_value(out, r.recovery, dists.find(UncertainField::kRoleRecovery, i));
    if (r.touchpoint != 0.0 || touchpoint) {
      append_key(out, "touchpoint");
      append_value(out, r.touchpoint, touchpoint);
    }
    if (!r.description.empty()) {
      append_key(out, "description");
      append_scalar(out, r.description);
    }
    end_item(out, comments, i);
  }
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  std::string out;
  append_scalar(out, text);
  return out;
}

std::string yaml_number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

std::string to_yaml(const OrgGraph& g) { return to_yaml(g, YamlComments{}); }

std::string to_yaml(const OrgGraph& g, const YamlComments& comments) {
  std::string out;
  for (std::size_t at = 0; at < comments.header.size();) {
    const std::size_t end = std::min(comments.header.find('\n', at), comments.header.size());
    append_comment(out, std::string_view(comments.header).substr(at, end - at));
    out += '\n';
    at = end + 1;
  }
  // About 80 bytes per role and 70 per dependency: one allocation for most models.
  out.reserve(256 + 48 * g.departments().size() + 80 * g.roles().size() +
              72 * g.dependencies().size());
  append_text_field(out, "", "name", g.name);
  if (!g.description.empty()) append_text_field(out, "", "description", g.description);
  if (g.time_unit != kDefaultTimeUnit) append_text_field(out, "", "time_unit", g.time_unit);
  out += "cx:\n  baseline: ";
  append_number(out, g.cx_baseline);
  out += '\n';
  out += "departments:";
  out += g.departments().empty() ? " []\n" : "\n";
  for (std::size_t i = 0; i < g.departments().size(); ++i) {
    const Department& d = g.departments()[i];
    out += "  - {id: ";
    append_scalar(out, d.id);
    if (!d.name.empty() && d.name != d.id) {
      append_key(out, "name");
      append_scalar(out, d.name);
    }
    end_item(out, comments.departments, i);
  }
  if (g.roles().empty()) {
    out += "roles: []\n";
  } else {
    append_roles(out, g, comments.roles);
  }
  if (!g.dependencies().empty()) out += "dependencies:\n";
  const DistributionIndex dists(g.uncertain);
  for (std::size_t i = 0; i < g.dependencies().size(); ++i) {
    const Dependency& d = g.dependencies()[i];
    out += "  - {role: ";
    append_scalar(out, g.role(d.role).id);
    append_key(out, "depends_on");
    append_scalar(out, g.role(d.depends_on).id);
    append_key(out, "weight");
    append_value(out, d.weight, dists.find(UncertainField::kDependencyWeight, i));
    end_item(out, comments.dependencies, i);
  }
  return out;
}

std::string to_yaml(const Scenario& s, std::string_view model_path) {
  const OrgGraph& g = s.model;
  std::string out;
  append_text_field(out, "", "name", s.name);
  if (!s.description.empty()) append_text_field(out, "", "description", s.description);
  append_text_field(out, "", "model", model_path);
  out += "steps: ";
  append_integer(out, s.steps);
  out += '\n';
  const DistributionIndex dists(s.uncertain);
  if (!s.failures.empty()) out += "failures:\n";
  for (std::size_t i = 0; i < s.failures.size(); ++i) {
    const Failure& f = s.failures[i];
    out += "  - {role: ";
    append_scalar(out, g.role(f.role).id);
    append_key(out, "degrade");
    append_value(out, f.degrade, dists.find(UncertainField::kFailureDegrade, i));
    append_key(out, "from");
    append_integer(out, f.from);
    if (f.to) {
      append_key(out, "to");
      append_integer(out, *f.to);
    }
    out += "}\n";
  }
  if (!s.changes.empty()) out += "changes:\n";
  for (std::size_t i = 0; i < s.changes.size(); ++i) {
    const Change& c = s.changes[i];
    out += "  - {role: ";
    append_scalar(out, g.role(c.role).id);
    if (c.depends_on) {
      append_key(out, "depends_on");
      append_scalar(out, g.role(*c.depends_on).id);
    }
    if (c.weight) {
      append_key(out, "weight");
      append_value(out, *c.weight, dists.find(UncertainField::kChangeWeight, i));
    }
    if (c.recovery) {
      append_key(out, "recovery");
      append_value(out, *c.recovery, dists.find(UncertainField::kChangeRecovery, i));
    }
    if (c.touchpoint) {
      append_key(out, "touchpoint");
      append_value(out, *c.touchpoint, dists.find(UncertainField::kChangeTouchpoint, i));
    }
    out += "}\n";
  }
  if (!s.initial.empty()) out += "initial:\n";
  for (const InitialState& i : s.initial) {
    out += "  - {role: ";
    append_scalar(out, g.role(i.role).id);
    append_key(out, "q");
    append_number(out, i.q);
    out += "}\n";
  }
  return out;
}

}  // namespace orgsim::model
