// Bucket accumulation in affine coordinates with batched inversion, as in affine_buckets.hpp, but with the field
// arithmetic done eight additions at a time in AVX-512 IFMA lanes (field/fq_lanes.hpp). Buckets and points are
// held in lane form. Queuing an addition copies the bucket and the point into row-major staging, so the vector
// passes work on whole rows with plain loads and stores. The rare additions that are doublings or P + (−P) are
// done on the spot in scalar code, so every lane of a batch is an ordinary addition.
#pragma once

#include "field/fq2_lanes.hpp"
#include "msm/lane_projective.hpp"

#ifdef PROVERDESK_HAVE_IFMA

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "curve/jacobian.hpp"
#include "msm/window_plan.hpp"

namespace proverdesk {

template <class F>
struct LanePoint {
  using Limbs = typename lanes::LaneField<F>::Limbs;
  Limbs x;
  Limbs y;

  static LanePoint from(const Affine<F>& p) { return {lanes::toLimbs(p.x), lanes::toLimbs(p.y)}; }
  Affine<F> toAffine() const { return {lanes::fromLimbs(x), lanes::fromLimbs(y)}; }
};

template <class Curve>
class LaneBuckets {
 public:
  using F = typename Curve::Field;
  using LF = lanes::LaneField<F>;
  using Vec = typename LF::Vec;
  using Point = LanePoint<F>;

  explicit LaneBuckets(size_t count)
      : buckets_(count),
        state_(count, kEmpty),
        capacity_(batchCapacity(count) / lanes::kLanes * lanes::kLanes),
        stride_(capacity_ + lanes::kLanes),
        stage_(4 * LF::kRows * stride_ / lanes::kLanes),
        prefix_(capacity_ / lanes::kLanes),
        norms_(capacity_ / lanes::kLanes) {
    batch_.reserve(capacity_);
  }

  // bucket += (negate ? −p : p); p must outlive finish().
  void add(uint32_t bucket, const Point& p, bool negate) {
    place(Entry{bucket, negate, &p});
    if (batch_.size() >= capacity_) flush();
  }

  // Completes every queued and waiting addition.
  void finish() {
    for (int round = 0; round < 4 && !(batch_.empty() && deferred_.empty()); ++round) flush();
    runBatch();
    for (const auto& e : deferred_) addToOverflow(e);
    deferred_.clear();
  }

  // sum_k (k+1)·bucket[base + k] for k < count. Eight running sums side by side: lane s sums the buckets
  // [s·len, (s+1)·len) from the top (R_s, and S_s weighted 1..len), and the window's sum is
  // sum_s S_s + len·sum_s s·R_s.
  PROVERDESK_IFMA_TARGET Jacobian<Curve> weightedSum(size_t base, size_t count) const {
    using Projective = lanes::ProjectiveVec<F>;
    if (count % lanes::kLanes != 0) return scalarWeightedSum(base, count);
    const size_t len = count / lanes::kLanes;
    static const F b3Value = Curve::b() + Curve::b() + Curve::b();
    const Vec b3 = LF::constant(b3Value);
    Projective running = Projective::infinity();
    Projective sum = Projective::infinity();
    std::array<Block, 2 * LF::kRows> rows{};
    for (size_t i = len; i-- > 0;) {
      unsigned filled = 0;
      for (size_t s = 0; s < lanes::kLanes; ++s) {
        const size_t k = base + s * len + i;
        if (state_[k] == kEmpty) continue;
        filled |= 1u << s;
        const auto* x = reinterpret_cast<const uint64_t*>(&buckets_[k].x);
        const auto* y = reinterpret_cast<const uint64_t*>(&buckets_[k].y);
        for (size_t r = 0; r < LF::kRows; ++r) {
          rows[r].lane[s] = x[r];
          rows[LF::kRows + r].lane[s] = y[r];
        }
      }
      if (filled != 0) {
        const Projective added = lanes::completeAddAffine<F>(running, LF::load(rows[0].lane, lanes::kLanes),
                                                             LF::load(rows[LF::kRows].lane, lanes::kLanes), b3);
        const auto mask = static_cast<__mmask8>(filled);
        running = {LF::select(mask, running.x, added.x), LF::select(mask, running.y, added.y), LF::select(mask, running.z, added.z)};
      }
      sum = lanes::completeAdd<F>(sum, running, b3);
    }

    const auto runs = toJacobian(running);
    const auto sums = toJacobian(sum);
    Jacobian<Curve> total;
    Jacobian<Curve> weightedRuns;  // sum_s s·R_s, by running sums from the top
    Jacobian<Curve> tail;
    for (size_t s = lanes::kLanes; s-- > 0;) {
      total += sums[s];
      if (s == 0) break;
      tail += runs[s];
      weightedRuns += tail;
    }
    for (size_t step = 1; step < len; step *= 2) weightedRuns = weightedRuns.doubled();
    total += weightedRuns;
    if (!overflow_.empty()) {
      for (size_t k = 0; k < count; ++k) {
        if (!overflow_[base + k].isInfinity()) total += overflow_[base + k].times(U256{{k + 1, 0, 0, 0}});
      }
    }
    return total;
  }

 private:
  enum : uint8_t { kEmpty, kFilled, kQueued };
  static constexpr size_t kChains = 4;  // independent prefix-product chains, so multiplications overlap
  struct alignas(64) Block {
    uint64_t lane[lanes::kLanes];
  };
  struct Entry {
    uint32_t bucket;
    bool negate;
    const Point* point;
  };
  enum Column { kBucketX, kBucketY, kPointX, kPointY };

  uint64_t* rows(Column column) { return reinterpret_cast<uint64_t*>(stage_.data()) + size_t{column} * LF::kRows * stride_; }

  void place(const Entry& e) {
    const uint32_t b = e.bucket;
    if (state_[b] == kQueued) {
      if (deferred_.size() < capacity_) {
        deferred_.push_back(e);
      } else {
        addToOverflow(e);
      }
      return;
    }
    const auto y = e.negate ? lanes::negated(e.point->y) : e.point->y;
    if (state_[b] == kEmpty) {
      buckets_[b] = Point{e.point->x, y};
      state_[b] = kFilled;
      return;
    }
    if (buckets_[b].x == e.point->x) {
      addEqualX(b, y);
      return;
    }
    state_[b] = kQueued;
    const size_t slot = batch_.size();
    batch_.push_back(b);
    stageRow(kBucketX, slot, buckets_[b].x);
    stageRow(kBucketY, slot, buckets_[b].y);
    stageRow(kPointX, slot, e.point->x);
    stageRow(kPointY, slot, y);
  }

  Jacobian<Curve> scalarWeightedSum(size_t base, size_t count) const {
    Jacobian<Curve> running;
    Jacobian<Curve> sum;
    for (size_t k = base + count; k-- > base;) {
      if (state_[k] != kEmpty) running = running.addMixed(buckets_[k].toAffine());
      if (!overflow_.empty()) running += overflow_[k];
      sum += running;
    }
    return sum;
  }

  // Lanes of projective points as Jacobian points: (X : Y : Z) is (X·Z, Y·Z², Z).
  PROVERDESK_IFMA_TARGET static std::array<Jacobian<Curve>, lanes::kLanes> toJacobian(const lanes::ProjectiveVec<F>& p) {
    std::array<Block, 3 * LF::kRows> rows;
    LF::store(rows[0].lane, lanes::kLanes, p.x);
    LF::store(rows[LF::kRows].lane, lanes::kLanes, p.y);
    LF::store(rows[2 * LF::kRows].lane, lanes::kLanes, p.z);
    std::array<Jacobian<Curve>, lanes::kLanes> out;
    for (size_t s = 0; s < lanes::kLanes; ++s) {
      typename Point::Limbs coordinate[3];
      for (size_t c = 0; c < 3; ++c) {
        auto* limbs = reinterpret_cast<uint64_t*>(&coordinate[c]);
        for (size_t r = 0; r < LF::kRows; ++r) limbs[r] = rows[c * LF::kRows + r].lane[s];
      }
      const F z = lanes::fromLimbs(coordinate[2]);
      if (!z.isZero()) out[s] = Jacobian<Curve>(lanes::fromLimbs(coordinate[0]) * z, lanes::fromLimbs(coordinate[1]) * z.squared(), z);
    }
    return out;
  }

  void stageRow(Column column, size_t slot, const typename Point::Limbs& value) {
    const uint64_t* limbs = reinterpret_cast<const uint64_t*>(&value);
    uint64_t* out = rows(column) + slot;
    for (size_t r = 0; r < LF::kRows; ++r) out[r * stride_] = limbs[r];
  }

  typename Point::Limbs unstageRow(Column column, size_t slot) {
    typename Point::Limbs value;
    uint64_t* limbs = reinterpret_cast<uint64_t*>(&value);
    const uint64_t* in = rows(column) + slot;
    for (size_t r = 0; r < LF::kRows; ++r) limbs[r] = in[r * stride_];
    return value;
  }

  // Bucket b and the point share x: a doubling, or P + (−P) which empties the bucket.
  void addEqualX(uint32_t b, const typename Point::Limbs& y) {
    if (buckets_[b].y != y) {
      state_[b] = kEmpty;
      return;
    }
    const auto doubled = Jacobian<Curve>::fromAffine(buckets_[b].toAffine()).doubled().toAffine();
    buckets_[b] = Point::from(doubled);
  }

  void addToOverflow(const Entry& e) {
    if (overflow_.empty()) overflow_.resize(buckets_.size());
    const Affine<F> p = e.point->toAffine();
    overflow_[e.bucket] = overflow_[e.bucket].addMixed(e.negate ? p.negated() : p);
  }

  // Runs the batch, then gives the waiting points their turn (each bucket is free again).
  void flush() {
    runBatch();
    retry_.swap(deferred_);
    for (const auto& e : retry_) place(e);
    retry_.clear();
  }

  PROVERDESK_IFMA_TARGET void runBatch() {
    const size_t n = batch_.size();
    if (n == 0) return;
    const size_t stride = stride_;
    const size_t vectors = (n + lanes::kLanes - 1) / lanes::kLanes;
    const lanes::FqVec one = lanes::constant(lanes::toLimbs(Fq::one()));
    const __mmask8 lastValid = static_cast<__mmask8>((1u << (n - (vectors - 1) * lanes::kLanes)) - 1);

    // Forward: denominators x_p − x_b (their norms, for Fq2) and prefix products along kChains chains.
    lanes::FqVec acc[kChains];
    for (auto& a : acc) a = one;
    for (size_t k = 0; k < vectors; ++k) {
      const size_t at = k * lanes::kLanes;
      const Vec d = LF::load(rows(kPointX) + at, stride) - LF::load(rows(kBucketX) + at, stride);
      lanes::FqVec norm = LF::norm(d);
      if (k + 1 == vectors) norm = lanes::select(static_cast<__mmask8>(~lastValid), norm, one);
      prefix_[k] = acc[k % kChains];
      acc[k % kChains] = acc[k % kChains] * norm;
      norms_[k] = norm;
    }

    lanes::FqVec inverse[kChains];
    invertLanes(acc, inverse);

    // Backward: each lane's inverse, then the affine addition; results overwrite the bucket rows.
    for (size_t k = vectors; k-- > 0;) {
      const size_t at = k * lanes::kLanes;
      lanes::FqVec& chain = inverse[k % kChains];
      const lanes::FqVec normInverse = chain * prefix_[k];
      chain = chain * norms_[k];
      const Vec bx = LF::load(rows(kBucketX) + at, stride);
      const Vec by = LF::load(rows(kBucketY) + at, stride);
      const Vec px = LF::load(rows(kPointX) + at, stride);
      const Vec py = LF::load(rows(kPointY) + at, stride);
      const Vec lambda = (py - by) * LF::inverseFromNorm(px - bx, normInverse);
      const Vec x3 = squared(lambda) - bx - px;
      const Vec y3 = lambda * (bx - x3) - by;
      LF::store(rows(kBucketX) + at, stride, x3);
      LF::store(rows(kBucketY) + at, stride, y3);
    }

    for (size_t slot = 0; slot < n; ++slot) {
      const uint32_t b = batch_[slot];
      buckets_[b] = Point{unstageRow(kBucketX, slot), unstageRow(kBucketY, slot)};
      state_[b] = kFilled;
    }
    batch_.clear();
  }

  // Inverts the four chains' products with one scalar inversion: the chains are combined in lanes first, and the
  // eight lanes of the combined product are inverted together (Montgomery's trick again).
  PROVERDESK_IFMA_TARGET static void invertLanes(const lanes::FqVec (&products)[kChains], lanes::FqVec (&inverses)[kChains]) {
    static_assert(kChains == 4);
    const lanes::FqVec p01 = products[0] * products[1];
    const lanes::FqVec p23 = products[2] * products[3];
    const lanes::FqVec all = invertEachLane(p01 * p23);
    inverses[0] = all * (products[1] * p23);
    inverses[1] = all * (products[0] * p23);
    inverses[2] = all * (p01 * products[3]);
    inverses[3] = all * (p01 * products[2]);
  }

  // Lane value V = v·2^260 is inverted as the Fq element with Montgomery representation V (value V·2^−256):
  // its inverse has representation 2^512/V, and one multiplication by 256 gives 2^520/V = v^−1·2^260.
  PROVERDESK_IFMA_TARGET static lanes::FqVec invertEachLane(const lanes::FqVec& v) {
    static const Fq twoPow8 = Fq::fromUint(256);
    std::array<Block, lanes::kLimbs> scratch;
    lanes::store(scratch[0].lane, lanes::kLanes, v);
    std::array<Fq, lanes::kLanes> values;
    std::array<Fq, lanes::kLanes> prefix;
    Fq running = Fq::one();
    for (size_t i = 0; i < lanes::kLanes; ++i) {
      lanes::FqLimbs limbs;
      for (size_t j = 0; j < lanes::kLimbs; ++j) limbs.l[j] = scratch[j].lane[i];
      values[i] = Fq::fromMontgomery(lanes::joinLimbs(limbs));
      prefix[i] = running;
      running *= values[i];
    }
    Fq inv = running.inverse() * twoPow8;
    for (size_t i = lanes::kLanes; i-- > 0;) {
      const lanes::FqLimbs limbs = lanes::splitLimbs((inv * prefix[i]).montgomery());
      inv *= values[i];
      for (size_t j = 0; j < lanes::kLimbs; ++j) scratch[j].lane[i] = limbs.l[j];
    }
    return lanes::load(scratch[0].lane, lanes::kLanes);
  }

  std::vector<Point> buckets_;
  std::vector<uint8_t> state_;
  size_t capacity_;  // additions per batch, a multiple of the lane count
  size_t stride_;    // between staging rows: one block more than the capacity, so rows do not share cache sets
  std::vector<uint32_t> batch_;
  std::vector<Entry> deferred_;
  std::vector<Entry> retry_;
  std::vector<Block> stage_;  // four columns (bucket x, bucket y, point x, point y) of kRows rows each
  std::vector<lanes::FqVec> prefix_;
  std::vector<lanes::FqVec> norms_;
  std::vector<Jacobian<Curve>> overflow_;
};

}  // namespace proverdesk

#endif
