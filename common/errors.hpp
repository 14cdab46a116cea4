#pragma once
// The error hierarchy: one base, thrown by the libraries and caught once by each front
// end (cli/app.cpp maps them to exit codes, serve/api.cpp to HTTP statuses).

#include <stdexcept>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"

namespace orgsim {

/// Base of every error orgsim throws on purpose. what() is ready to print.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An input file (or option) could not be read at all: missing, a directory, not YAML.
class LoadError : public Error {
 public:
  /// `rendered` is the full text to show (usually format_diagnostic of `where`+`message`).
  LoadError(SourceLocation where, std::string message, const std::string& rendered);
  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

/// The input was read but is wrong; carries every problem found, errors and warnings.
class ValidationError : public Error {
 public:
  ValidationError(Diagnostics diagnostics, const std::string& rendered);
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

/// A parameter given to a library function is out of range (a caller's mistake,
/// e.g. a CLI option): the message names the parameter, its range and the value.
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

/// An output file could not be written (missing folder, permission, disk full).
/// what() starts with the path: "out.json: error: cannot write output: ...".
class OutputError : public Error {
 public:
  using Error::Error;
};

}  // namespace orgsim
