#pragma once
// Model text for the tests of the model readers (tests/model/loader_test.cpp and
// yaml_reader_test.cpp): a small valid model, and the whole text of the error that
// parsing a model gives, for tests that assert the entire message.

#include <string>
#include <string_view>

#include "common/errors.hpp"
#include "model/loader.hpp"

namespace orgsim::test {

/// A small valid model: departments ops and finance, roles web -> checkout -> payments.
inline constexpr std::string_view kSmallModel = R"(name: Contact center
departments:
  - {id: ops, name: Operations}
  - {id: finance}
roles:
  - {id: web, department: ops, touchpoint: 0.6}
  - {id: checkout, department: ops, touchpoint: 0.4}
  - {id: payments, department: finance}
dependencies:
  - {role: web, depends_on: checkout, weight: 0.5}
  - {role: checkout, depends_on: payments, weight: 0.6}
)";

/// The full text of the error that parsing `text` as the model file "m.yaml" throws: a
/// ValidationError's as it is, a LoadError's after "LoadError: "; "no error" if none.
inline std::string model_error(std::string_view text) {
  try {
    model::parse_model(text, "m.yaml");
  } catch (const ValidationError& e) {
    return e.what();
  } catch (const LoadError& e) {
    return std::string("LoadError: ") + e.what();
  }
  return "no error";
}

}  // namespace orgsim::test
