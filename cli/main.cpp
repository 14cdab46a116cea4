// The orgsim executable: everything happens in orgsim::cli::run_cli.
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <streambuf>

#include "cli/app.hpp"

namespace {

// Standard output as std::cout's buffer, written with write(2): a failed write (a full
// disk, /dev/full) keeps its errno, and every later flush fails with it again, so that
// run_cli's check after the command can name the reason however long ago it happened.
// Buffered (64 KiB) for files and pipes; unbuffered on a terminal, like stdio's lines.
class StandardOutput : public std::streambuf {
 public:
  StandardOutput() : buffered_(::isatty(1) != 1) {
    if (buffered_) setp(buffer_, buffer_ + sizeof buffer_);
  }
  ~StandardOutput() override { sync(); }

 protected:
  int_type overflow(int_type ch) override {
    if (sync() != 0) return traits_type::eof();
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    if (!buffered_) return write_all(&c, 1) ? ch : traits_type::eof();
    *pptr() = c;
    pbump(1);
    return ch;
  }
  std::streamsize xsputn(const char* text, std::streamsize n) override {
    if (buffered_) return std::streambuf::xsputn(text, n);
    return write_all(text, static_cast<std::size_t>(n)) ? n : 0;
  }
  int sync() override {
    if (!buffered_) return error_ == 0 ? 0 : (errno = error_, -1);
    const bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_, buffer_ + sizeof buffer_);
    return ok ? 0 : -1;
  }

 private:
  bool write_all(const char* p, std::size_t left) {
    while (error_ == 0 && left > 0) {
      const ssize_t n = ::write(1, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = errno;
      if (n > 0) {
        p += n;
        left -= static_cast<std::size_t>(n);
      }
    }
    if (error_ != 0) errno = error_;
    return error_ == 0;
  }

  bool buffered_;
  int error_ = 0;  ///< errno of the first failed write; every later write fails with it
  char buffer_[64 * 1024];
};

}  // namespace

int main(int argc, char** argv) {
  StandardOutput standard_output;
  std::streambuf* const stdio = std::cout.rdbuf(&standard_output);
  const int code = orgsim::cli::run_cli(argc, argv, std::cout, std::cerr);
  std::cout.rdbuf(stdio);
  return code;
}
