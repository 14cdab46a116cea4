// libyaml's event parser feeding the node arena of model/internal/yaml_document.hpp.
// libyaml keeps its own explicit state stack (it does not recurse), reads the text
// once, and holds only the current token; the arena is the only copy of the tree.
//
// What yaml-cpp did that the files and tests rely on, kept here: bytes that are not
// UTF-8 or are control characters are read as they are (libyaml refuses them, so they
// are swapped for placeholder characters and swapped back in the scalars); columns
// count bytes and lines count '\n' only; a scalar "~", "null", "Null", "NULL" or
// nothing, unquoted and untagged, is an empty value; an empty item is placed at the
// token after it; the first document is the model and a second one with content is an
// error; syntax errors use yaml-cpp's words where tests pin them.
#include <yaml.h>

#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>

#include "common/errors.hpp"
#include "model/internal/yaml_reader.hpp"

namespace orgsim::model {

namespace {

// Placeholder for a byte libyaml would refuse: U+10FF00 + byte, from a private-use
// plane, 4 bytes in UTF-8 (F4 8F BC..BF 80..BF). Input that holds such a character
// itself has it replaced byte by byte too, so every placeholder in a scalar is ours.
constexpr unsigned char kPlaceholderLead = 0xF4;

// The length of the UTF-8 character at `t[i]` if libyaml may read it as it is, or 0 if
// its bytes must be replaced: not UTF-8, a control character libyaml refuses, a line
// break yaml-cpp did not take as one (U+0085, U+2028, U+2029), or a placeholder.
std::size_t allowed_length(std::string_view t, std::size_t i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
  std::size_t n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > t.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(t[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min) return 0;  // overlong
  const bool ok = (cp >= 0xA0 && cp <= 0xD7FF && cp != 0x2028 && cp != 0x2029) ||
                  (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp < 0x10FF00);
  return ok ? n : 0;
}

// Whether every byte of `t` is a one-byte character libyaml takes as it is (the usual
// case, checked fast): then libyaml's character index is the byte offset.
bool plain_ascii(std::string_view t) {
  for (char ch : t) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) return false;
  }
  return true;
}

// `t` with each byte of every refused character replaced by its placeholder, or ""
// when nothing had to be.
std::string replace_refused(std::string_view t) {
  if (plain_ascii(t)) return {};
  std::string out;
  bool any = false;
  for (std::size_t i = 0; i < t.size();) {
    std::size_t n = allowed_length(t, i);
    if (n == 0) {
      if (!any) {
        out.reserve(t.size() + 64);
        out.assign(t.substr(0, i));
        any = true;
      }
      const auto b = static_cast<unsigned char>(t[i]);
      out += static_cast<char>(kPlaceholderLead);
      out += static_cast<char>(0x8F);
      out += static_cast<char>(0xBC + (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3F));
      ++i;
      continue;
    }
    if (any) out.append(t.substr(i, n));
    i += n;
  }
  if (!any) out.clear();
  return out;
}

// The placeholders in `s` turned back into the bytes they stand for.
void restore_refused(std::string& s) {
  std::size_t w = 0;
  for (std::size_t r = 0; r < s.size(); ++r) {
    const auto c = static_cast<unsigned char>(s[r]);
    if (c == kPlaceholderLead && r + 3 < s.size() && static_cast<unsigned char>(s[r + 1]) == 0x8F) {
      const auto hi = static_cast<unsigned char>(s[r + 2]);
      const auto lo = static_cast<unsigned char>(s[r + 3]);
      s[w++] = static_cast<char>(((hi - 0xBC) << 6) | (lo & 0x3F));
      r += 3;
      continue;
    }
    s[w++] = s[r];
  }
  s.resize(w);
}

// Turns libyaml's character index into a byte offset, a line (counting '\n' only) and
// a column in bytes, as yaml-cpp and the quoted lines of messages count them. Events
// come in order, so one cursor moving forward makes this O(size of the text) in all.
class Positions {
 public:
  explicit Positions(std::string_view text) : text_(text), ascii_(plain_ascii(text)) {
    // libyaml skips a byte-order mark without counting it; yaml-cpp's columns start after it.
    if (text.starts_with("\xEF\xBB\xBF")) start_ = 3;
    reset();
  }

  struct Where {
    std::size_t byte;
    YamlMark mark;
  };

  Where at(std::size_t char_index) {
    if (char_index < chars_) reset();  // rare: only error marks go back
    std::size_t target;
    if (ascii_) {
      target = std::min(start_ + char_index, text_.size());
      chars_ = char_index;
    } else {
      target = byte_;
      while (chars_ < char_index && target < text_.size()) {
        std::size_t n = allowed_length(text_, target);
        target += n == 0 ? 1 : n;
        ++chars_;
      }
    }
    advance_lines(target);
    return {byte_, mark_of(byte_, line_, line_start_)};
  }

  /// Mark of byte `b`, leaving the cursor where it is.
  Where at_byte(std::size_t b) const {
    std::size_t line = line_;
    std::size_t line_start = line_start_;
    std::size_t from = byte_;
    if (b < byte_) {  // rare: count from the start
      line = 1;
      line_start = from = start_;
    }
    for (std::size_t i = from; i < b && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return {b, mark_of(b, line, line_start)};
  }

  /// The first byte at or after `b` that is not a blank, a line break or a comment.
  std::size_t next_token(std::size_t b) const {
    while (b < text_.size()) {
      char c = text_[b];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++b;
      } else if (c == '#') {
        while (b < text_.size() && text_[b] != '\n') ++b;
      } else {
        break;
      }
    }
    return b;
  }

 private:
  void reset() {
    chars_ = 0;
    byte_ = start_;
    line_ = 1;
    line_start_ = start_;
  }
  void advance_lines(std::size_t target) {
    const char* base = text_.data();
    const char* p = base + byte_;
    const char* end = base + target;
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (!nl) break;
      p = static_cast<const char*>(nl) + 1;
      ++line_;
      line_start_ = static_cast<std::size_t>(p - base);
    }
    byte_ = target;
  }
  static YamlMark mark_of(std::size_t b, std::size_t line, std::size_t line_start) {
    constexpr std::size_t kMaxLine = (1u << 29) - 1;  // the node keeps 29 bits of line
    return {static_cast<int>(std::min(line, kMaxLine)),
            static_cast<int>(
                std::min<std::size_t>(b < line_start ? 1 : b - line_start + 1, INT32_MAX))};
  }

  std::string_view text_;
  bool ascii_;
  std::size_t start_ = 0;
  std::size_t chars_ = 0;
  std::size_t byte_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
};

bool is_null_word(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

struct ParserDeleter {
  void operator()(yaml_parser_t* p) const {
    yaml_parser_delete(p);
    delete p;
  }
};

struct Event {
  yaml_event_t e{};
  ~Event() { yaml_event_delete(&e); }
};

}  // namespace

// Builds a YamlDocument from libyaml's events (friend of YamlDocument).
class YamlDocumentBuilder {
 public:
  YamlDocumentBuilder(std::string_view text, const std::string& file, const SourceFiles& sources)
      : text_(text), file_(file), sources_(sources), positions_(text) {}

  YamlDocument build() {
    constexpr std::size_t kMaxText = (std::size_t{1} << 31) - 1;  // 32-bit offsets in the arena
    if (text_.size() > kMaxText) {
      throw_load_error({file_}, "file is too large for the YAML reader (2 GB at most)", &sources_);
    }
    doc_.text_ = text_;
    // A generated model holds a node per 10 bytes or so: reserve that, so that most files
    // grow the vector once at most (no shrink_to_fit at the end: it would copy it all).
    doc_.nodes_.reserve(text_.size() / 8 + 16);
    replaced_ = replace_refused(text_);
    std::string_view input = replaced_.empty() ? text_ : std::string_view(replaced_);
    parser_.reset(new yaml_parser_t);
    if (!yaml_parser_initialize(parser_.get())) {
      throw_load_error({file_}, "cannot start the YAML reader: out of memory", &sources_);
    }
    yaml_parser_set_input_string(
        parser_.get(), reinterpret_cast<const unsigned char*>(input.data()), input.size());
    int documents = 0;
    bool done = false;
    while (!done) {
      Event ev;
      if (!yaml_parser_parse(parser_.get(), &ev.e)) syntax_error();
      switch (ev.e.type) {
        case YAML_STREAM_END_EVENT:
          done = true;
          break;
        case YAML_DOCUMENT_START_EVENT:
          ++documents;
          seen_later_content_ = false;  // each later document is checked
          break;
        case YAML_DOCUMENT_END_EVENT:
          break;
        default:
          if (documents <= 1) {
            add(ev.e);
          } else {
            later_document(ev.e);
          }
          break;
      }
    }
    if (doc_.nodes_.empty()) {  // no document at all: an empty root
      doc_.nodes_.push_back({static_cast<std::uint32_t>(YamlDocument::Kind::kNull), 0, 0, 0});
    }
    return std::move(doc_);
  }

 private:
  using Kind = YamlDocument::Kind;
  struct Open {
    std::uint32_t index;
    std::uint32_t children;
    bool flow;
  };

  void push(Kind kind, YamlMark mark, std::uint32_t a, std::uint32_t b) {
    if (!open_.empty()) ++open_.back().children;
    doc_.nodes_.push_back(
        {static_cast<std::uint32_t>(mark.line) << 3 | static_cast<std::uint32_t>(kind),
         static_cast<std::uint32_t>(mark.column), a, b});
  }

  void anchor(const yaml_char_t* name) {
    if (name) anchors_[reinterpret_cast<const char*>(name)] = last_index();
  }
  std::uint32_t last_index() const { return static_cast<std::uint32_t>(doc_.nodes_.size() - 1); }

  void add(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        scalar(e);
        break;
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool map = e.type == YAML_MAPPING_START_EVENT;
        const bool flow = map ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                              : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        const YamlMark mark = positions_.at(e.start_mark.index).mark;
        if (open_.size() >= static_cast<std::size_t>(kMaxYamlDepth)) {
          throw_too_deep(text_, file_, sources_, {mark.line, mark.column});
        }
        push(map ? Kind::kMap : Kind::kSequence, mark, 0, 0);
        anchor(map ? e.data.mapping_start.anchor : e.data.sequence_start.anchor);
        open_.push_back({last_index(), 0, flow});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        YamlDocument::Node& n = doc_.nodes_[open_.back().index];
        n.a = static_cast<std::uint32_t>(doc_.nodes_.size());
        n.b = open_.back().children;
        open_.pop_back();
        break;
      }
      case YAML_ALIAS_EVENT: {
        const YamlMark mark = positions_.at(e.start_mark.index).mark;
        auto it = anchors_.find(reinterpret_cast<const char*>(e.data.alias.anchor));
        if (it == anchors_.end()) {
          fail(mark, "the referenced anchor is not defined");
        }
        push(Kind::kAlias, mark, it->second, 0);
        break;
      }
      default:
        break;
    }
  }

  void scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    Positions::Where at = positions_.at(e.start_mark.index);
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    if (plain && !s.tag && is_null_word(value)) {
      // yaml-cpp placed an empty value at the token after it (an empty list item at
      // the next item); "~" and "null" are where they are written.
      YamlMark mark =
          value.empty() ? positions_.at_byte(positions_.next_token(at.byte)).mark : at.mark;
      push(Kind::kNull, mark, 0, 0);
      anchor(s.anchor);
      return;
    }
    std::string restored;
    if (!replaced_.empty() && value.find(static_cast<char>(kPlaceholderLead)) != value.npos) {
      restored.assign(value);
      restore_refused(restored);
      value = restored;
    }
    // Most scalars are their source text: point there rather than copy.
    const bool quoted =
        s.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    const std::size_t from = at.byte + (quoted ? 1 : 0);
    if ((plain || quoted) && from + value.size() <= text_.size() &&
        text_.compare(from, value.size(), value) == 0) {
      push(Kind::kScalar, at.mark, static_cast<std::uint32_t>(from),
           static_cast<std::uint32_t>(value.size()));
    } else {
      const std::size_t offset = doc_.arena_.size();
      if (offset + value.size() >= YamlDocument::kInArena) {
        throw_load_error({file_}, "file is too large for the YAML reader (2 GB of text at most)",
                         &sources_);
      }
      doc_.arena_.append(value);
      push(Kind::kScalar, at.mark, static_cast<std::uint32_t>(offset),
           static_cast<std::uint32_t>(value.size()) | YamlDocument::kInArena);
    }
    anchor(s.anchor);
  }

  // A document after the first: only walked, and an error if it holds anything.
  void later_document(const yaml_event_t& e) {
    if (seen_later_content_) return;
    seen_later_content_ = true;
    if (e.type == YAML_SCALAR_EVENT && e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        !e.data.scalar.tag &&
        is_null_word({reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length})) {
      return;  // "---" followed by nothing
    }
    fail(positions_.at(e.start_mark.index).mark,
         "file holds more than one YAML document; keep one per file", false);
  }

  [[noreturn]] void fail(YamlMark mark, std::string message, bool invalid = true) {
    throw_load_error({file_, mark.line, mark.column},
                     invalid ? "invalid YAML: " + message : std::move(message), &sources_);
  }

  [[noreturn]] void syntax_error();

  std::string_view text_;
  const std::string& file_;
  const SourceFiles& sources_;
  Positions positions_;
  std::string replaced_;
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser_;
  YamlDocument doc_;
  std::vector<Open> open_;
  std::unordered_map<std::string, std::uint32_t> anchors_;
  bool seen_later_content_ = false;
};

namespace {

std::string quoted_char(char c) { return std::string("'") + c + "'"; }

bool printable_ascii(char c) { return c > ' ' && c < 0x7F; }

// yaml-cpp reported a tab in the indentation as "illegal block entry" or the like, which
// does not say "tab": name the first line up to `error_line` (1-based) indented with one.
std::string tab_hint(std::string_view text, int error_line) {
  int line = 1;
  for (std::size_t start = 0; start < text.size() && line <= error_line; ++line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view content = text.substr(start, end - start);
    const std::size_t indent = content.find_first_not_of(" \t");
    if (indent != std::string_view::npos &&
        content.substr(0, indent).find('\t') != std::string_view::npos) {
      return " (line " + std::to_string(line) +
             " is indented with a tab; YAML indents with spaces only)";
    }
    start = end + 1;
  }
  return "";
}

}  // namespace

// libyaml's problem in yaml-cpp's words where orgsim's tests pin them (and in words
// near them otherwise), at the position yaml-cpp gave.
void YamlDocumentBuilder::syntax_error() {
  const yaml_parser_t& p = *parser_;
  const std::string problem = p.problem ? p.problem : "syntax error";
  const std::string context = p.context ? p.context : "";
  Positions::Where at{0, {}};
  if (p.error == YAML_READER_ERROR) {
    at = positions_.at_byte(0);  // cannot happen after replace_refused; kept simple
  } else {
    at = positions_.at(p.problem_mark.index);
  }
  const char c = at.byte < text_.size() ? text_[at.byte] : '\0';
  auto starts = [&](std::string_view prefix) { return problem.starts_with(prefix); };
  // Whether byte `b` is where a key would start: after indentation, '{', ',' or '?'.
  auto starts_key = [&](std::size_t b) {
    while (b > 0 && (text_[b - 1] == ' ' || text_[b - 1] == '\t')) --b;
    return b == 0 || text_[b - 1] == '\n' || text_[b - 1] == '{' || text_[b - 1] == ',' ||
           text_[b - 1] == '?';
  };
  std::string message;
  if (starts("did not find expected") && c == ':' && starts_key(at.byte)) {
    // libyaml (YAML 1.1) has no empty key; yaml-cpp read one as an empty value.
    message = "a field name is missing before ':'";
  } else if (starts("did not find expected") && !open_.empty() && open_.back().flow) {
    message = doc_.kind(open_.back().index) == Kind::kMap ? "end of map flow not found"
                                                          : "end of sequence flow not found";
  } else if (starts("did not find expected") && (c == ']' || c == '}')) {
    message = "illegal flow end";
  } else if (starts("did not find expected") && c == ',') {
    message = "unexpected ','";
  } else if (starts("did not find expected <document start>")) {
    // Text after a document that was a single value ("notes\nname: x").
    fail(at.mark, "file holds more than one YAML document; keep one per file", false);
  } else if (starts("did not find expected key")) {
    message = "end of map not found";
  } else if (starts("did not find expected '-' indicator")) {
    message = "end of sequence not found";
  } else if (starts("did not find expected") && printable_ascii(c)) {
    message = "unexpected " + quoted_char(c);
  } else if (starts("mapping values are not allowed")) {
    message = "illegal map value";
  } else if (starts("block sequence entries are not allowed")) {
    message = "illegal block entry";
  } else if (starts("found a tab character that violates indentation")) {
    message = "illegal tab when looking for indentation";
  } else if (starts("found character that cannot start any token") && c == '\t') {
    std::size_t b = at.byte;
    while (b < text_.size() && (text_[b] == '\t' || text_[b] == ' ')) ++b;
    if (b < text_.size() && text_[b] == '-') {
      at = positions_.at_byte(b);
      message = "illegal block entry";
    } else {
      message = "illegal tab when looking for indentation";
    }
  } else if (starts("found character that cannot start any token") && printable_ascii(c)) {
    message = "unexpected " + quoted_char(c);
  } else if (starts("found unexpected ':'")) {
    // YAML 1.1 reads "key:}" as text that cannot end there; yaml-cpp took an empty value.
    message = "':' must be followed by a space (write 'key: value', or 'key: ' for none)";
  } else if (starts("found unexpected end of stream") && context.ends_with("quoted scalar")) {
    at = positions_.at(p.context_mark.index);
    message = "quoted text is not closed before the end of the file";
  } else if (starts("could not find expected ':'")) {
    at = positions_.at(p.context_mark.index);
    message = "expected ':' after this key";
  } else if (starts("found unknown escape character")) {
    const char escaped = at.byte + 1 < text_.size() ? text_[at.byte + 1] : '\0';
    message = "unknown escape character";
    if (printable_ascii(escaped)) message += std::string(": ") + escaped;
  } else {
    message = problem + (context.empty() ? "" : " " + context);
  }
  fail(at.mark, message + tab_hint(text_, at.mark.line));
}

YamlDocument read_yaml_document(std::string_view text, const std::string& file,
                                const SourceFiles& sources) {
  return YamlDocumentBuilder(text, file, sources).build();
}

}  // namespace orgsim::model
