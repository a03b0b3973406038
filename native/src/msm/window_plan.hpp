// Choice of the Pippenger window width, of how many windows one task handles, and of the split of points.
#pragma once

#include <cstddef>

namespace proverdesk {

// What the bucket accumulation costs, in units of one point's bucket addition.
struct BucketCosts {
  double perBucket;  // summing one bucket in the reduction (a mixed plus a full Jacobian addition)
  double perBatch;   // one batched inversion, shared by up to batchCapacity(buckets) additions
};

struct WindowPlan {
  unsigned windowBits;      // c
  unsigned windows;         // ceil(255 / c): scalars are below 2^254, so the top digit never carries out
  unsigned windowsPerTask;  // windows whose buckets share one task (and its batches), so small windows batch well
  size_t pointChunks;       // the points are split so that the tasks keep every thread busy
};

WindowPlan planWindows(size_t points, unsigned threads, const BucketCosts& costs);

// Additions per batched inversion for a task holding `buckets` buckets: half of them, at most 1024.
size_t batchCapacity(size_t buckets);

}  // namespace proverdesk
