#include "common/printable.hpp"

namespace orgsim {

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when there is none.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  const std::size_t len = b < 0x80           ? 1
                          : (b >> 5) == 0x6  ? 2
                          : (b >> 4) == 0xe  ? 3
                          : (b >> 3) == 0x1e ? 4
                                             : 0;
  if (len == 0 || i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return 0;
  }
  return len;
}

void append_escape(std::string& out, unsigned char byte) {
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xF];
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t len = utf8_sequence(text, i);
    if (len == 1 && byte >= 0x20 && byte != 0x7F) {
      out += text[i];
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte == '\r') {
      out += "\\r";
    } else if (len == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      // C1 controls (U+0080..U+009F): U+009B is CSI, as good as ESC [ to a terminal.
      append_escape(out, byte);
      append_escape(out, static_cast<unsigned char>(text[i + 1]));
    } else if (len > 1) {
      out.append(text.substr(i, len));
    } else {
      append_escape(out, byte);  // a C0 control, DEL, or a byte that is not UTF-8
      i += 1;
      continue;
    }
    i += len == 0 ? 1 : len;
  }
  return out;
}

std::string printable_path(const std::filesystem::path& path) { return printable(path.string()); }

}  // namespace orgsim
