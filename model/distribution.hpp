#pragma once
// An uncertain number: a weight, recovery, touchpoint or degrade written as a
// distribution ({uniform: [a, b]}, {triangular: [min, mode, max]}, {normal: [mean, sd]})
// instead of a plain number, and where in the model or scenario it sits.

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/diagnostics.hpp"

namespace orgsim::model {

enum class DistributionKind { kUniform, kTriangular, kNormal };

/// "uniform", "triangular" or "normal": the key written in the file.
const char* distribution_name(DistributionKind kind);

/// One distribution with its parameters, clipped to [low, high] (the closure of the
/// field's valid range). Parameters are checked by the loader, not here.
struct Distribution {
  DistributionKind kind = DistributionKind::kUniform;
  /// uniform: {a, b, -}; triangular: {min, mode, max}; normal: {mean, sd, -}.
  double p[3] = {0.0, 0.0, 0.0};
  double low = 0.0;  ///< samples are clipped to [low, high]
  double high = 1.0;

  /// The value used when not sampling: the mean of a uniform or normal, the mode of a
  /// triangular. Always inside [low, high] for a distribution the loader accepted.
  double nominal() const;
  /// The value at quantile u in (0, 1), by the inverse CDF, clipped to [low, high].
  /// Monotone in u; u outside (0, 1) is clamped to the nearest end.
  double sample(double u) const;
  /// The largest value sample() can return: b, max, or `high` for a normal with sd > 0.
  double upper_bound() const;
  /// The smallest value sample() can return.
  double lower_bound() const;
  /// As written in a file, e.g. "{uniform: [0.2, 0.5]}" (the shortest text of each
  /// number that reads back exactly, model::yaml_number).
  std::string to_yaml() const;

  friend bool operator==(const Distribution&, const Distribution&) = default;
};

/// Phi^-1(u), the standard normal quantile, for u in (0, 1): Acklam's rational
/// approximation refined by one Halley step on erfc; about 1e-15 relative error.
double standard_normal_quantile(double u);

/// Which number of the model or scenario a distribution replaces.
enum class UncertainField {
  kDependencyWeight,  ///< OrgGraph::dependencies()[index].weight
  kRoleRecovery,      ///< OrgGraph::roles()[index].recovery
  kRoleTouchpoint,    ///< OrgGraph::roles()[index].touchpoint
  kFailureDegrade,    ///< Scenario::failures[index].degrade
  kChangeWeight,      ///< Scenario::changes[index].weight
  kChangeRecovery,    ///< Scenario::changes[index].recovery
  kChangeTouchpoint,  ///< Scenario::changes[index].touchpoint
};

/// "weight", "recovery", "touchpoint" or "degrade": the field's key in the file.
const char* field_key(UncertainField field);

/// An uncertain parameter: the plain number at `field`/`index` holds dist.nominal(),
/// and a Monte Carlo sample overwrites it with dist.sample(u).
struct UncertainParameter {
  UncertainField field = UncertainField::kDependencyWeight;
  std::uint32_t index = 0;
  Distribution dist;
  TextPos where;  ///< the distribution's position in its file
};

}  // namespace orgsim::model
