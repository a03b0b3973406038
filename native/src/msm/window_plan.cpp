#include "msm/window_plan.hpp"

#include <algorithm>
#include <limits>

namespace proverdesk {

namespace {

constexpr unsigned kScalarBits = 255;
constexpr unsigned kMaxWindowBits = 16;

unsigned windowsFor(unsigned c) { return (kScalarBits + c - 1) / c; }

}  // namespace

WindowPlan planWindows(size_t points, unsigned threads) {
  threads = std::max(1u, threads);
  WindowPlan best{1, windowsFor(1), 1};
  double bestCost = std::numeric_limits<double>::infinity();
  for (unsigned c = 2; c <= kMaxWindowBits; ++c) {
    const unsigned windows = windowsFor(c);
    // Split the points only when there are too few windows to go round the threads.
    size_t chunks = std::max<size_t>(1, (2 * threads + windows - 1) / windows);
    chunks = std::min(chunks, std::max<size_t>(1, points >> c));
    const size_t tasks = windows * chunks;
    const size_t rounds = (tasks + threads - 1) / threads;
    // Per task: one batched affine addition (about 6 multiplications) per point, and a mixed plus a full
    // Jacobian addition (about 27) per bucket in the reduction.
    const double perTask = static_cast<double>(points) / static_cast<double>(chunks) + 4.5 * static_cast<double>(size_t{1} << (c - 1));
    const double cost = static_cast<double>(rounds) * perTask;
    if (cost < bestCost) {
      bestCost = cost;
      best = WindowPlan{c, windows, chunks};
    }
  }
  return best;
}

size_t bucketBytes(const WindowPlan& plan, unsigned threads, size_t pointBytes) {
  return (size_t{1} << (plan.windowBits - 1)) * pointBytes * std::max(1u, threads);
}

}  // namespace proverdesk
