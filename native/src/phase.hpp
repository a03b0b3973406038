// The phases of one proof, in the order the engine runs them, with their wall times.
#pragma once

#include <array>
#include <cstddef>
#include <utility>
#include <vector>

namespace proverdesk {

// Upload (key points and witness to a GPU) is 0 on the CPU.
enum class Phase { LoadKey, Witness, BuildABC, Upload, Ntt, MsmA, MsmB2, MsmB1, MsmC, MsmH, Finish };
inline constexpr size_t kPhaseCount = 11;

struct PhaseTimes {
  double loadKeyMs = 0;                   // set by whoever loaded (or fetched from a cache) the key
  std::array<double, kPhaseCount> ms{};   // indexed by Phase; the LoadKey slot is unused (see loadKeyMs)

  double& operator[](Phase p) { return ms[static_cast<size_t>(p)]; }
  double operator[](Phase p) const { return ms[static_cast<size_t>(p)]; }

  // Every phase with its time, LoadKey first.
  std::vector<std::pair<Phase, double>> entries() const {
    std::vector<std::pair<Phase, double>> out{{Phase::LoadKey, loadKeyMs}};
    for (size_t i = 1; i < kPhaseCount; ++i) out.emplace_back(static_cast<Phase>(i), ms[i]);
    return out;
  }
  double totalMs() const {
    double t = loadKeyMs;
    for (size_t i = 1; i < kPhaseCount; ++i) t += ms[i];
    return t;
  }
};

}  // namespace proverdesk
