#include "msm/window_plan.hpp"

#include <algorithm>
#include <limits>

namespace proverdesk {

namespace {

constexpr unsigned kScalarBits = 255;
constexpr unsigned kMaxWindowBits = 16;

unsigned windowsFor(unsigned c) { return (kScalarBits + c - 1) / c; }

}  // namespace

size_t batchCapacity(size_t buckets) { return std::clamp<size_t>(buckets / 2, 8, 1024); }

WindowPlan planWindows(size_t points, unsigned threads, const BucketCosts& costs) {
  threads = std::max(1u, threads);
  WindowPlan best{1, windowsFor(1), 1, 1};
  double bestCost = std::numeric_limits<double>::infinity();
  for (unsigned c = 2; c <= kMaxWindowBits; ++c) {
    const unsigned windows = windowsFor(c);
    const size_t half = size_t{1} << (c - 1);
    for (unsigned perTask = 1; perTask <= 8 && perTask <= windows; perTask *= 2) {
      const size_t groups = (windows + perTask - 1) / perTask;
      // Split the points only when there are too few tasks to go round the threads.
      size_t chunks = std::max<size_t>(1, (2 * threads + groups - 1) / groups);
      chunks = std::min(chunks, std::max<size_t>(1, points >> c));
      const size_t rounds = (groups * chunks + threads - 1) / threads;
      const double pointsPerTask = static_cast<double>(points) / static_cast<double>(chunks);
      const double capacity = static_cast<double>(batchCapacity(perTask * half));
      const double taskCost =
          perTask * (pointsPerTask * (1 + costs.perBatch / capacity) + costs.perBucket * static_cast<double>(half));
      const double cost = static_cast<double>(rounds) * taskCost;
      if (cost < bestCost) {
        bestCost = cost;
        best = WindowPlan{c, windows, perTask, chunks};
      }
    }
  }
  return best;
}

}  // namespace proverdesk
