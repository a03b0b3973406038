// Choice of the Pippenger window width and of the split of points across threads.
#pragma once

#include <cstddef>

namespace proverdesk {

struct WindowPlan {
  unsigned windowBits;   // c
  unsigned windows;      // ceil(255 / c): scalars are below 2^254, so the top digit never carries out
  size_t pointChunks;    // the points are split so that windows · pointChunks tasks keep every thread busy
};

WindowPlan planWindows(size_t points, unsigned threads);

// Bytes of bucket memory the plan needs at once (per running task, times the thread count).
size_t bucketBytes(const WindowPlan& plan, unsigned threads, size_t pointBytes);

}  // namespace proverdesk
