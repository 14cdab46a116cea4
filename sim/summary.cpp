#include "sim/summary.hpp"

#include <algorithm>

namespace orgsim::sim {

Summary summarize(const Trace& trace, std::size_t top) {
  Summary s;
  s.cx_baseline = trace.cx_baseline();
  auto cx = trace.cx();
  auto min_it = std::min_element(cx.begin(), cx.end());
  s.cx_min = *min_it;
  s.cx_min_step = static_cast<int>(min_it - cx.begin());
  s.cx_final = cx.back();

  auto in_band = [&](double v) { return s.cx_baseline - v <= kRecoveryBand; };
  s.degraded = !std::all_of(cx.begin(), cx.end(), in_band);
  if (!s.degraded) {
    s.recovery_step = 0;
  } else {
    // Walk back from the end while CX stays in the band.
    int k = static_cast<int>(cx.size());
    while (k > s.cx_min_step && in_band(cx[static_cast<std::size_t>(k - 1)])) --k;
    if (k < static_cast<int>(cx.size())) s.recovery_step = k;
  }

  std::vector<RoleImpact> impacts;
  for (std::uint32_t i = 0; i < trace.role_count(); ++i) {
    model::RoleId r(i);
    if (trace.peak(r) > 0.0) {
      impacts.push_back({r, trace.peak(r), trace.peak_step(r), trace.final_q(r)});
    }
  }
  auto by_peak = [](const RoleImpact& a, const RoleImpact& b) {
    return a.peak != b.peak ? a.peak > b.peak : a.role < b.role;
  };
  std::size_t keep = std::min(top, impacts.size());
  std::partial_sort(impacts.begin(), impacts.begin() + static_cast<std::ptrdiff_t>(keep),
                    impacts.end(), by_peak);
  impacts.resize(keep);
  s.most_degraded = std::move(impacts);
  return s;
}

}  // namespace orgsim::sim
