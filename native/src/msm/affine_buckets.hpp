// Bucket accumulation in affine coordinates with batched inversion: additions are queued, and every
// batch shares one field inversion (Montgomery's trick). An affine addition then costs about
// 6 multiplications instead of 11 for a mixed Jacobian addition.
// A point for a bucket that already has a queued addition waits for the next batch; past a bounded number of
// waiting points it goes to that bucket's Jacobian overflow instead (mixed addition), so repeated scalars,
// common in circom witnesses, cannot degrade into one inversion per point.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "curve/jacobian.hpp"
#include "field/fq2.hpp"
#include "msm/window_plan.hpp"

namespace proverdesk {

// The batch inversion runs in the base field Fq: an Fq2 denominator d is inverted as conj(d) / norm(d), which
// costs 2 squarings + 2 multiplications per point instead of three Fq2 multiplications (9 Fq ones).
namespace affine_detail {
inline const Fq& norm(const Fq& d) { return d; }
inline Fq norm(const Fq2& d) { return d.c0.squared() + d.c1.squared(); }
inline const Fq& inverseFromNorm(const Fq&, const Fq& normInverse) { return normInverse; }
inline Fq2 inverseFromNorm(const Fq2& d, const Fq& normInverse) { return {d.c0 * normInverse, -(d.c1 * normInverse)}; }
}  // namespace affine_detail

template <class Curve>
class AffineBuckets {
 public:
  using F = typename Curve::Field;
  using Point = Affine<F>;

  explicit AffineBuckets(size_t count)
      : buckets_(count), queued_(count, 0), batchLimit_(batchCapacity(count)) {
    batch_.reserve(2 * batchLimit_);
    prefix_.resize(2 * batchLimit_);
    norms_.resize(2 * batchLimit_);
  }

  // bucket += p (p not at infinity)
  void add(uint32_t bucket, const Point& p) {
    place(bucket, p);
    if (batch_.size() >= batchLimit_) flush();
  }

  // Completes every queued and waiting addition.
  void finish() {
    for (int round = 0; round < 4 && !(batch_.empty() && deferred_.empty()); ++round) flush();
    runBatch();
    for (const auto& e : deferred_) addToOverflow(e.bucket, e.point);
    deferred_.clear();
  }

  // sum_k (k+1)·bucket[base + k] for k < count, by running sums from the top.
  Jacobian<Curve> weightedSum(size_t base, size_t count) const {
    Jacobian<Curve> running;
    Jacobian<Curve> sum;
    for (size_t k = base + count; k-- > base;) {
      running = running.addMixed(buckets_[k]);
      if (!overflow_.empty()) running += overflow_[k];
      sum += running;
    }
    return sum;
  }

 private:
  struct Entry {
    uint32_t bucket;
    Point point;
  };

  void place(uint32_t bucket, const Point& p) {
    if (queued_[bucket]) {
      if (deferred_.size() < batchLimit_) {
        deferred_.push_back({bucket, p});
      } else {
        addToOverflow(bucket, p);
      }
      return;
    }
    if (buckets_[bucket].isInfinity()) {
      buckets_[bucket] = p;
      return;
    }
    queued_[bucket] = 1;
    batch_.push_back({bucket, p});
  }

  void addToOverflow(uint32_t bucket, const Point& p) {
    if (overflow_.empty()) overflow_.resize(buckets_.size());
    overflow_[bucket] = overflow_[bucket].addMixed(p);
  }

  // Runs the batch, then gives the waiting points their turn (each bucket is free again).
  void flush() {
    runBatch();
    retry_.swap(deferred_);
    for (const auto& e : retry_) place(e.bucket, e.point);
    retry_.clear();
  }

  // Two interleaved lanes (even and odd entries) share one inversion; their multiplication chains are
  // independent, so the CPU overlaps them instead of waiting on one serial chain.
  void runBatch() {
    const size_t n = batch_.size();
    if (n == 0) return;
    // Denominators: x2 − x1 for an addition, 2y for a doubling, 1 for P + (−P).
    Fq acc[2] = {Fq::one(), Fq::one()};
    for (size_t i = 0; i < n; ++i) {
      prefix_[i] = acc[i & 1];  // prefix product within the lane
      norms_[i] = affine_detail::norm(denominator(buckets_[batch_[i].bucket], batch_[i].point));
      acc[i & 1] *= norms_[i];
    }
    const Fq both = (acc[0] * acc[1]).inverse();
    Fq inv[2] = {both * acc[1], both * acc[0]};
    for (size_t i = n; i-- > 0;) {
      Point& b = buckets_[batch_[i].bucket];
      const Point& p = batch_[i].point;
      queued_[batch_[i].bucket] = 0;
      Fq& laneInv = inv[i & 1];
      const Fq normInverse = laneInv * prefix_[i];
      laneInv *= norms_[i];
      F lambda;
      if (b.x == p.x) {
        if (b.y != p.y) {  // P + (−P)
          b = Point{};
          continue;
        }
        const F xx = p.x.squared();
        lambda = (xx.doubled() + xx) * affine_detail::inverseFromNorm(p.y.doubled(), normInverse);
      } else {
        lambda = (p.y - b.y) * affine_detail::inverseFromNorm(p.x - b.x, normInverse);
      }
      const F x3 = lambda.squared() - b.x - p.x;
      b.y = lambda * (b.x - x3) - b.y;
      b.x = x3;
    }
    batch_.clear();
  }

  static F denominator(const Point& b, const Point& p) {
    if (b.x == p.x) return b.y == p.y ? p.y.doubled() : F::one();
    return p.x - b.x;
  }

  std::vector<Point> buckets_;
  std::vector<uint8_t> queued_;
  size_t batchLimit_;
  std::vector<Entry> batch_;
  std::vector<Entry> deferred_;
  std::vector<Entry> retry_;
  std::vector<Jacobian<Curve>> overflow_;
  std::vector<Fq> prefix_;
  std::vector<Fq> norms_;
};

}  // namespace proverdesk
