#include "common/errors.hpp"

namespace orgsim {

LoadError::LoadError(SourceLocation where, std::string message, const std::string& rendered)
    : Error(rendered), where_(std::move(where)), message_(std::move(message)) {}

ValidationError::ValidationError(Diagnostics diagnostics, const std::string& rendered)
    : Error(rendered), diagnostics_(std::move(diagnostics)) {}

}  // namespace orgsim
