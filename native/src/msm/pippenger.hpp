// Multi-scalar multiplication sum_i scalars[i] · bases[i] by the bucket (Pippenger) method.
// Bases are affine (as stored in zkey files); scalars are canonical integers below the group order.
// Zero scalars are dropped and scalars equal to one are summed directly before the bucket pass,
// because circom witnesses are full of both.
// Buckets accumulate in affine coordinates with batched inversions (affine_buckets.hpp).
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
#include "msm/signed_digits.hpp"
#include "msm/window_plan.hpp"
#include "parallel/worker_pool.hpp"

namespace proverdesk {

namespace msm_detail {

constexpr size_t kScanChunk = size_t{1} << 14;
constexpr size_t kCheckpointEvery = size_t{1} << 13;

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

}  // namespace msm_detail

// `onProgress` receives the completed fraction (0..1) from worker threads, serialised by the caller's choice.
template <class Curve>
Jacobian<Curve> multiScalarMul(std::span<const Affine<typename Curve::Field>> bases, std::span<const U256> scalars,
                               WorkerPool& pool, const std::function<void(double)>& onProgress = {}) {
  using Point = Jacobian<Curve>;
  if (bases.size() != scalars.size()) throw std::invalid_argument("MSM needs as many scalars as bases");
  if (scalars.size() > UINT32_MAX) throw std::invalid_argument("MSM input too large");

  auto scan = msm_detail::scanScalars<Curve>(bases, scalars, pool);
  const auto& idx = scan.general;
  if (idx.empty()) {
    if (onProgress) onProgress(1.0);
    return scan.onesSum;
  }

  const WindowPlan plan = planWindows(idx.size(), pool.threads());
  const unsigned c = plan.windowBits;
  const size_t chunkLen = (idx.size() + plan.pointChunks - 1) / plan.pointChunks;
  const size_t tasks = size_t{plan.windows} * plan.pointChunks;
  std::vector<Point> partial(tasks);
  std::atomic<size_t> done{0};

  pool.run(tasks, [&](size_t task) {
    const unsigned window = static_cast<unsigned>(task / plan.pointChunks);
    const size_t chunk = task % plan.pointChunks;
    const size_t begin = chunk * chunkLen;
    const size_t end = std::min(idx.size(), begin + chunkLen);
    // Bucket k holds the points whose digit is ±(k + 1).
    AffineBuckets<Curve> buckets(size_t{1} << (c - 1));
    for (size_t j = begin; j < end; ++j) {
      if ((j - begin) % msm_detail::kCheckpointEvery == msm_detail::kCheckpointEvery - 1) pool.checkpoint();
      const uint32_t i = idx[j];
      const int64_t d = signedDigit(scalars[i], window, c);
      if (d > 0) {
        buckets.add(static_cast<uint32_t>(d - 1), bases[i]);
      } else if (d < 0) {
        buckets.add(static_cast<uint32_t>(-d - 1), bases[i].negated());
      }
    }
    buckets.finish();
    // sum_k (k+1)·bucket[k] by running sums from the top.
    Point running;
    Point sum;
    for (size_t k = buckets.size(); k-- > 0;) {
      running = running.addMixed(buckets.affine(k));
      if (buckets.hasOverflow()) running += buckets.overflow(k);
      sum += running;
    }
    partial[task] = sum;
    if (onProgress) onProgress(static_cast<double>(++done) / static_cast<double>(tasks));
  });

  Point result;
  for (unsigned w = plan.windows; w-- > 0;) {
    for (unsigned b = 0; b < c; ++b) result = result.doubled();
    for (size_t chunk = 0; chunk < plan.pointChunks; ++chunk) result += partial[size_t{w} * plan.pointChunks + chunk];
  }
  return result + scan.onesSum;
}

}  // namespace proverdesk
