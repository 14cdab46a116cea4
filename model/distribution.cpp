#include "model/distribution.hpp"

#include <algorithm>
#include <cmath>

#include "model/yaml_writer.hpp"

namespace orgsim::model {

const char* distribution_name(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::kUniform:
      return "uniform";
    case DistributionKind::kTriangular:
      return "triangular";
    case DistributionKind::kNormal:
      return "normal";
  }
  return "?";
}

const char* field_key(UncertainField field) {
  switch (field) {
    case UncertainField::kDependencyWeight:
    case UncertainField::kChangeWeight:
      return "weight";
    case UncertainField::kRoleRecovery:
    case UncertainField::kChangeRecovery:
      return "recovery";
    case UncertainField::kRoleTouchpoint:
    case UncertainField::kChangeTouchpoint:
      return "touchpoint";
    case UncertainField::kFailureDegrade:
      return "degrade";
  }
  return "?";
}

double standard_normal_quantile(double u) {
  // Acklam's rational approximation of the normal quantile (relative error 1.15e-9),
  // central region and tails, then one Halley step on Phi(x) - u using erfc.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  constexpr double kMinU = 0x1.0p-60;  // keeps log() finite at the ends
  u = std::clamp(u, kMinU, 1.0 - 0x1.0p-53);
  double x = 0.0;
  if (u < kLow) {
    const double q = std::sqrt(-2.0 * std::log(u));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (u <= 1.0 - kLow) {
    const double q = u - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log(1.0 - u));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // Halley: e = Phi(x) - u, t = e / phi(x), x -= t / (1 + x t / 2).
  const double kSqrt2Pi = 2.5066282746310002;
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - u;
  const double t = e * kSqrt2Pi * std::exp(0.5 * x * x);
  return x - t / (1.0 + 0.5 * x * t);
}

double Distribution::nominal() const {
  switch (kind) {
    case DistributionKind::kUniform:
      return std::clamp(0.5 * (p[0] + p[1]), low, high);
    case DistributionKind::kTriangular:
      return std::clamp(p[1], low, high);
    case DistributionKind::kNormal:
      return std::clamp(p[0], low, high);
  }
  return p[0];
}

double Distribution::sample(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  double v = 0.0;
  switch (kind) {
    case DistributionKind::kUniform:
      v = p[0] + u * (p[1] - p[0]);
      break;
    case DistributionKind::kTriangular: {
      // F(x) = (x - a)^2 / ((b - a)(c - a)) below the mode c, 1 - (b - x)^2 / ((b - a)(b - c))
      // above.
      const double lo = p[0], mode = p[1], hi = p[2];
      const double width = hi - lo;
      if (width <= 0.0) {
        v = lo;
      } else if (u * width < mode - lo) {
        v = lo + std::sqrt(u * width * (mode - lo));
      } else {
        v = hi - std::sqrt((1.0 - u) * width * (hi - mode));
      }
      break;
    }
    case DistributionKind::kNormal:
      v = p[1] > 0.0 ? p[0] + p[1] * standard_normal_quantile(u) : p[0];
      break;
  }
  return std::clamp(v, low, high);
}

double Distribution::upper_bound() const {
  switch (kind) {
    case DistributionKind::kUniform:
      return std::clamp(p[1], low, high);
    case DistributionKind::kTriangular:
      return std::clamp(p[2], low, high);
    case DistributionKind::kNormal:
      return p[1] > 0.0 ? high : std::clamp(p[0], low, high);
  }
  return high;
}

double Distribution::lower_bound() const {
  switch (kind) {
    case DistributionKind::kUniform:
    case DistributionKind::kTriangular:
      return std::clamp(p[0], low, high);
    case DistributionKind::kNormal:
      return p[1] > 0.0 ? low : std::clamp(p[0], low, high);
  }
  return low;
}

std::string Distribution::to_yaml() const {
  const int arity = kind == DistributionKind::kTriangular ? 3 : 2;
  std::string out = "{";
  out += distribution_name(kind);
  out += ": [";
  for (int i = 0; i < arity; ++i) {
    if (i) out += ", ";
    out += yaml_number(p[i]);
  }
  return out + "]}";
}

}  // namespace orgsim::model
