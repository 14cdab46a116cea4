#pragma once
// How messages quote a name and suggest the one meant: in_quotes and "did you mean".
// Apart from the YAML reader so that the rules of model/rules.hpp and the scenario
// checks, which the JSON readers share, compile without the YAML library (the
// WebAssembly engine in wasm/ has none).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace orgsim::model {

/// "did you mean" is only computed against at most this many names (it is O(names)).
inline constexpr std::size_t kMaxSuggestCandidates = 50'000;

/// `text` in single quotes for a message: control characters escaped, cut after 60 bytes.
std::string in_quotes(std::string_view text);

/// "; did you mean 'x'?" for the closest of `count` names (Levenshtein distance <= 2
/// and less than the name's length), or "". Empty when there are more than
/// kMaxSuggestCandidates names. Time complexity: O(count x length^2).
std::string did_you_mean(std::string_view name, std::size_t count,
                         const std::function<std::string_view(std::size_t)>& candidate);

}  // namespace orgsim::model
