// Multi-scalar multiplication sum_i scalars[i] · bases[i] by the bucket (Pippenger) method.
// Bases are affine (as stored in zkey files); scalars are canonical integers below the group order.
// Zero scalars are dropped and scalars equal to one are summed directly before the bucket pass,
// because circom witnesses are full of both.
// Buckets accumulate in affine coordinates with batched inversions: eight additions at a time in AVX-512 IFMA
// lanes where the CPU has them (lane_buckets.hpp, with the bases converted to lane form once per MSM), else one
// at a time (affine_buckets.hpp).
// Hook for GLV on G1: split each general scalar k = k1 + λ·k2 after the scan and feed (P, k1), (φ(P), k2) to the
// same window loop with 128-bit digits; the window plan then sees twice the points and half the scalar bits.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <vector>

#include "curve/jacobian.hpp"
#include "msm/affine_buckets.hpp"
#include "msm/huge_page_allocator.hpp"
#include "msm/lane_buckets.hpp"
#include "msm/signed_digits.hpp"
#include "msm/window_plan.hpp"
#include "parallel/worker_pool.hpp"
#include "platform/cpu_features.hpp"

namespace proverdesk {

namespace msm_detail {

constexpr size_t kScanChunk = size_t{1} << 14;
constexpr size_t kCheckpointEvery = size_t{1} << 13;
// Costs relative to one bucket addition (window_plan.hpp), from timing the MSM on x86-64 with and without IFMA.
constexpr BucketCosts kScalarCosts{4.5, 40};
constexpr BucketCosts kLaneCosts{3, 800};

inline bool useLanes() {
#ifdef PROVERDESK_HAVE_IFMA
  return cpuHasAvx512Ifma();
#else
  return false;
#endif
}

template <class Curve>
struct ScanResult {
  std::vector<uint32_t> general;  // indices of scalars other than 0 and 1
  Jacobian<Curve> onesSum;
};

template <class Curve>
ScanResult<Curve> scanScalars(std::span<const Affine<typename Curve::Field>> bases, std::span<const U256> scalars,
                              WorkerPool& pool) {
  const size_t n = scalars.size();
  const size_t chunks = (n + kScanChunk - 1) / kScanChunk;
  std::vector<ScanResult<Curve>> partial(chunks);
  const U256 one{{1, 0, 0, 0}};
  pool.run(chunks, [&](size_t k) {
    auto& out = partial[k];
    const size_t end = std::min(n, (k + 1) * kScanChunk);
    for (size_t i = k * kScanChunk; i < end; ++i) {
      if (scalars[i].isZero() || bases[i].isInfinity()) continue;
      if (scalars[i] == one) {
        out.onesSum = out.onesSum.addMixed(bases[i]);
      } else {
        out.general.push_back(static_cast<uint32_t>(i));
      }
    }
  });
  ScanResult<Curve> result;
  for (auto& p : partial) {
    result.general.insert(result.general.end(), p.general.begin(), p.general.end());
    result.onesSum += p.onesSum;
  }
  return result;
}

// The bucket pass over every (window group, point chunk) task, generic over how buckets accumulate.
// pointAt(j) gives the j-th general point in the form the buckets take.
template <class Curve, class Buckets, class PointAt>
Jacobian<Curve> bucketPass(const std::vector<uint32_t>& idx, std::span<const U256> scalars, const WindowPlan& plan,
                           WorkerPool& pool, const std::function<void(double)>& onProgress, const PointAt& pointAt) {
  using Point = Jacobian<Curve>;
  const unsigned c = plan.windowBits;
  const size_t half = size_t{1} << (c - 1);
  const size_t chunkLen = (idx.size() + plan.pointChunks - 1) / plan.pointChunks;
  const size_t groups = (plan.windows + plan.windowsPerTask - 1) / plan.windowsPerTask;
  const size_t tasks = groups * plan.pointChunks;
  std::vector<Point> partial(size_t{plan.windows} * plan.pointChunks);
  std::atomic<size_t> done{0};

  pool.run(tasks, [&](size_t task) {
    const unsigned firstWindow = static_cast<unsigned>(task / plan.pointChunks) * plan.windowsPerTask;
    const unsigned endWindow = std::min(plan.windows, firstWindow + plan.windowsPerTask);
    const size_t chunk = task % plan.pointChunks;
    const size_t begin = chunk * chunkLen;
    const size_t end = std::min(idx.size(), begin + chunkLen);
    // Bucket (w − firstWindow)·half + k holds the points whose digit in window w is ±(k + 1).
    Buckets buckets((endWindow - firstWindow) * half);
    for (size_t j = begin; j < end; ++j) {
      if ((j - begin) % kCheckpointEvery == kCheckpointEvery - 1) pool.checkpoint();
      const U256& scalar = scalars[idx[j]];
      for (unsigned w = firstWindow; w < endWindow; ++w) {
        const int64_t d = signedDigit(scalar, w, c);
        if (d != 0) buckets.add(static_cast<uint32_t>((w - firstWindow) * half + static_cast<size_t>(d > 0 ? d : -d) - 1), pointAt(j), d < 0);
      }
    }
    buckets.finish();
    for (unsigned w = firstWindow; w < endWindow; ++w) {
      partial[size_t{w} * plan.pointChunks + chunk] = buckets.weightedSum((w - firstWindow) * half, half);  // sum_k (k+1)·bucket_k
    }
    if (onProgress) onProgress(static_cast<double>(++done) / static_cast<double>(tasks));
  });

  Point result;
  for (unsigned w = plan.windows; w-- > 0;) {
    for (unsigned b = 0; b < c; ++b) result = result.doubled();
    for (size_t chunk = 0; chunk < plan.pointChunks; ++chunk) result += partial[size_t{w} * plan.pointChunks + chunk];
  }
  return result;
}

// AffineBuckets::add with the same signature as LaneBuckets::add.
template <class Curve>
struct ScalarBuckets : AffineBuckets<Curve> {
  using AffineBuckets<Curve>::AffineBuckets;
  void add(uint32_t bucket, const Affine<typename Curve::Field>& p, bool negate) {
    AffineBuckets<Curve>::add(bucket, negate ? p.negated() : p);
  }
};

}  // namespace msm_detail

// Which bucket arithmetic to use: the fastest this CPU has, or the scalar one (so tests can compare them).
enum class MsmArithmetic { Fastest, Scalar };

// `onProgress` receives the completed fraction (0..1) from worker threads, serialised by the caller's choice.
template <class Curve>
Jacobian<Curve> multiScalarMul(std::span<const Affine<typename Curve::Field>> bases, std::span<const U256> scalars,
                               WorkerPool& pool, const std::function<void(double)>& onProgress = {},
                               MsmArithmetic arithmetic = MsmArithmetic::Fastest) {
  using namespace msm_detail;
  if (bases.size() != scalars.size()) throw std::invalid_argument("MSM needs as many scalars as bases");
  if (scalars.size() > UINT32_MAX) throw std::invalid_argument("MSM input too large");

  auto scan = scanScalars<Curve>(bases, scalars, pool);
  const auto& idx = scan.general;
  if (idx.empty()) {
    if (onProgress) onProgress(1.0);
    return scan.onesSum;
  }

#ifdef PROVERDESK_HAVE_IFMA
  if (arithmetic == MsmArithmetic::Fastest && useLanes()) {
    using LanePointT = LanePoint<typename Curve::Field>;
    HugePageVector<LanePointT> table(idx.size());
    pool.run((idx.size() + kScanChunk - 1) / kScanChunk, [&](size_t k) {
      const size_t end = std::min(idx.size(), (k + 1) * kScanChunk);
      for (size_t j = k * kScanChunk; j < end; ++j) table[j] = LanePointT::from(bases[idx[j]]);
    });
    const WindowPlan plan = planWindows(idx.size(), pool.threads(), kLaneCosts);
    return bucketPass<Curve, LaneBuckets<Curve>>(idx, scalars, plan, pool, onProgress,
                                                 [&](size_t j) -> const LanePointT& { return table[j]; }) +
           scan.onesSum;
  }
#endif
  const WindowPlan plan = planWindows(idx.size(), pool.threads(), kScalarCosts);
  return bucketPass<Curve, ScalarBuckets<Curve>>(idx, scalars, plan, pool, onProgress,
                                                  [&](size_t j) -> const Affine<typename Curve::Field>& { return bases[idx[j]]; }) +
         scan.onesSum;
}

// Peak bytes one MSM of `points` bases needs beyond its inputs (index list, lane table, buckets of every running
// task), for the prover's memory estimate.
template <class Curve>
size_t msmWorkingBytes(size_t points, unsigned threads) {
  using F = typename Curve::Field;
  const bool lanes = msm_detail::useLanes();
  const WindowPlan plan = planWindows(points, threads, lanes ? msm_detail::kLaneCosts : msm_detail::kScalarCosts);
  const size_t buckets = plan.windowsPerTask * (size_t{1} << (plan.windowBits - 1));
  size_t perPoint = sizeof(uint32_t);
  size_t perBucket = sizeof(Affine<F>) + 1;
#ifdef PROVERDESK_HAVE_IFMA
  if (lanes) {
    perPoint += sizeof(LanePoint<F>);
    perBucket = 3 * sizeof(LanePoint<F>) + 1;  // buckets, and staging of a bucket and a point per queued addition
  }
#endif
  return points * perPoint + buckets * perBucket * std::max(1u, threads);
}

}  // namespace proverdesk
