// Multi-scalar multiplication for the GPU, on G1 or G2 (Point = JacobianPoint over Fq or Fq2): Pippenger's bucket
// method with signed c-bit windows.
//   1. digits:    each scalar recoded into signed digits in [−(2^(c−1)−1), 2^(c−1)], one per window;
//   2. count:     points per (window, bucket), a histogram by atomic increments;
//   3. offsets:   an exclusive prefix sum of the counts (on the host: a few hundred kilobytes);
//   4. scatter:   each (point, sign) written to its bucket's slice — a counting sort by bucket;
//   5. buckets:   each bucket sums its points with mixed additions (negating for negative digits);
//   6. segments:  each window's buckets split into segments, each reduced to Σ k·bucket_k by running sums;
//   7. windows:   segments added per window; the host joins windows by doubling (Horner).
// The order of additions within a bucket varies between runs (scatter order); the sum does not.
#pragma once

#include <algorithm>
#include <vector>

#include "curve_points.hpp"

namespace pdgpu {

struct MsmPlan {
  uint32_t windowBits;   // c
  uint32_t windows;      // W: enough that the top digit never needs a carry out (W·c ≥ 255)
  uint32_t buckets;      // B = 2^(c−1); slot 0 of each window is unused (digit 0)
  uint32_t segments;     // per window, for the parallel running sums

  PD_HD uint64_t slots() const { return uint64_t(windows) * (buckets + 1); }
  PD_HD uint32_t segmentLength() const { return (buckets + segments - 1) / segments; }

  static MsmPlan forCount(uint64_t count) {
    uint32_t log2 = 0;
    while (log2 < 40 && (uint64_t{1} << (log2 + 1)) <= count) ++log2;
    const uint32_t c = std::clamp<uint32_t>(log2 > 3 ? log2 - 3 : 1, 4, 16);
    const uint32_t windows = (255 + c - 1) / c;
    const uint32_t buckets = uint32_t{1} << (c - 1);
    return MsmPlan{c, windows, buckets, std::min<uint32_t>(buckets, 128)};
  }

  // Device bytes beyond the points and scalars: entries, slot ids, counts/offsets/cursors, bucket and segment sums.
  uint64_t scratchBytes(uint64_t count, uint64_t pointBytes) const {
    return uint64_t(windows) * count * 3 * sizeof(uint32_t) + slots() * (3 * sizeof(uint32_t) + pointBytes) +
           (uint64_t(windows) * segments + windows) * pointBytes;
  }
};

template <class Point>
struct MsmArgs {
  const typename Point::Affine* points;
  const FrElement* scalars;  // canonical values, not Montgomery
  uint64_t count;
  MsmPlan plan;
  uint32_t* slotOf;    // [W·count] window·(B+1) + |digit|, 0 for none
  uint32_t* entryOf;   // [W·count] point index << 1 | negative
  uint32_t* counts;    // [slots]
  uint32_t* cursors;   // [slots]: offsets, advanced by scatter
  uint32_t* sorted;    // [W·count] entries grouped by slot
  const uint32_t* offsets;  // [slots + 1]
  Point* bucketSums;      // [slots]
  Point* segmentSums;     // [W·segments]
  Point* windowSums;      // [W]
};

PD_HD uint32_t scalarBits(const FrElement& scalar, uint32_t position, uint32_t width) {
  if (position >= 256) return 0;
  const uint32_t limb = position / 32;
  const uint32_t shift = position % 32;
  uint64_t value = scalar.limb[limb];
  if (limb + 1 < 8) value |= uint64_t(scalar.limb[limb + 1]) << 32;
  return uint32_t(value >> shift) & ((uint32_t{1} << width) - 1);
}

template <class Point>
PD_KERNEL msmDigitsKernel(MsmArgs<Point> args) {
  const size_t i = kernelIndex();
  if (i >= args.count) return;
  const MsmPlan plan = args.plan;
  const FrElement scalar = args.scalars[i];
  uint32_t carry = 0;
  for (uint32_t w = 0; w < plan.windows; ++w) {
    uint32_t digit = scalarBits(scalar, w * plan.windowBits, plan.windowBits) + carry;
    bool negative = false;
    carry = 0;
    if (digit > plan.buckets) {
      digit = (uint32_t{1} << plan.windowBits) - digit;
      negative = true;
      carry = 1;
    }
    const size_t at = size_t(w) * args.count + i;
    args.slotOf[at] = digit == 0 ? 0 : w * (plan.buckets + 1) + digit;
    args.entryOf[at] = uint32_t(i << 1) | (negative ? 1u : 0u);
  }
}

template <class Point>
PD_KERNEL msmCountKernel(MsmArgs<Point> args) {
  const size_t at = kernelIndex();
  if (at >= args.count * args.plan.windows) return;
  const uint32_t slot = args.slotOf[at];
  if (slot != 0) atomicAddU32(&args.counts[slot], 1);
}

template <class Point>
PD_KERNEL msmScatterKernel(MsmArgs<Point> args) {
  const size_t at = kernelIndex();
  if (at >= args.count * args.plan.windows) return;
  const uint32_t slot = args.slotOf[at];
  if (slot == 0) return;
  const uint32_t position = atomicAddU32(&args.cursors[slot], 1);
  args.sorted[position] = args.entryOf[at];
}

template <class Point>
PD_KERNEL msmBucketKernel(MsmArgs<Point> args) {
  const size_t slot = kernelIndex();
  if (slot >= args.plan.slots()) return;
  Point sum = Point::infinity();
  for (uint32_t k = args.offsets[slot]; k < args.offsets[slot + 1]; ++k) {
    const uint32_t entry = args.sorted[k];
    sum = sum.plusAffine(args.points[entry >> 1], (entry & 1) != 0);
  }
  args.bucketSums[slot] = sum;
}

// One segment of one window: Σ_{k in segment} k·bucket_k, as running sums from the top plus (lo − 1)·Σ bucket_k.
template <class Point>
PD_KERNEL msmSegmentKernel(MsmArgs<Point> args) {
  const size_t index = kernelIndex();
  const MsmPlan plan = args.plan;
  if (index >= size_t(plan.windows) * plan.segments) return;
  const uint32_t w = uint32_t(index / plan.segments);
  const uint32_t s = uint32_t(index % plan.segments);
  const uint32_t lo = 1 + s * plan.segmentLength();
  const uint32_t end = lo + plan.segmentLength();
  const uint32_t hi = end < plan.buckets + 1 ? end : plan.buckets + 1;
  Point running = Point::infinity();
  Point weighted = Point::infinity();
  for (uint32_t k = hi; k > lo; --k) {
    running = running.plus(args.bucketSums[size_t(w) * (plan.buckets + 1) + k - 1]);
    weighted = weighted.plus(running);
  }
  if (lo < hi && lo > 1) weighted = weighted.plus(running.timesSmall(lo - 1));
  args.segmentSums[index] = weighted;
}

template <class Point>
PD_KERNEL msmWindowKernel(MsmArgs<Point> args) {
  const size_t w = kernelIndex();
  if (w >= args.plan.windows) return;
  Point sum = Point::infinity();
  for (uint32_t s = 0; s < args.plan.segments; ++s) sum = sum.plus(args.segmentSums[w * args.plan.segments + s]);
  args.windowSums[w] = sum;
}

// Σ 2^(c·w)·windowSums[w], on the host.
template <class Point>
Point joinWindows(const std::vector<Point>& windowSums, uint32_t windowBits) {
  Point result = Point::infinity();
  for (size_t w = windowSums.size(); w-- > 0;) {
    for (uint32_t b = 0; b < windowBits; ++b) result = result.doubled();
    result = result.plus(windowSums[w]);
  }
  return result;
}

}  // namespace pdgpu
