#pragma once
// What one scenario uploaded to POST /api/parse may cost. The YAML reader keeps an
// alias as one node, but each YAML alias (*name) is read again wherever it appears:
// 1 MB of "- *f" lines became 262,125 failures and a 13.9 MB answer.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orgsim::serve {

/// Aliases (*name) an uploaded scenario may use; a scenario orgsim writes uses none.
inline constexpr std::size_t kMaxYamlAliases = 100;
/// The largest /api/parse answer; 10,000 items need about 1 MB.
inline constexpr std::size_t kMaxParseReplyBytes = 4 << 20;
/// Problems listed in `details` of a refused upload; the rest are counted.
inline constexpr std::size_t kMaxParseDetails = 100;

/// How many aliases `text` uses: tokens "*name" outside quotes and comments. An upper
/// bound (a plain scalar such as "*x" counts too), found without parsing, so that a
/// text full of them is refused before it is parsed. Time complexity: O(size).
std::size_t count_yaml_aliases(std::string_view text);

/// Throws RequestError(400) if `text` uses more than kMaxYamlAliases aliases.
void check_upload(std::string_view text);

/// `details` cut to kMaxParseDetails lines, the last saying how many more there were.
std::vector<std::string> capped_details(std::vector<std::string> details);

}  // namespace orgsim::serve
