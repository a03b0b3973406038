// Eight Fq2 elements side by side (fq_lanes.hpp): c0 and c1 are each an 8-lane Fq vector; in row storage
// c0's five limb rows come first, then c1's.
#pragma once

#include "field/fq_lanes.hpp"

#ifdef PROVERDESK_HAVE_IFMA

namespace proverdesk::lanes {

struct Fq2Limbs {
  FqLimbs c0;
  FqLimbs c1;
  friend bool operator==(const Fq2Limbs&, const Fq2Limbs&) = default;
};

inline Fq2Limbs toLimbs(const Fq2& a) { return {toLimbs(a.c0), toLimbs(a.c1)}; }
inline Fq2 fromLimbs(const Fq2Limbs& a) { return {fromLimbs(a.c0), fromLimbs(a.c1)}; }
inline Fq2Limbs negated(const Fq2Limbs& a) { return {negated(a.c0), negated(a.c1)}; }
static_assert(sizeof(Fq2Limbs) == 2 * sizeof(FqLimbs), "row code reads Fq2Limbs as ten consecutive limbs");

struct alignas(64) Fq2Vec {
  FqVec c0;
  FqVec c1;
};

PROVERDESK_IFMA_INLINE Fq2Vec select(__mmask8 takeB, const Fq2Vec& a, const Fq2Vec& b) {
  return {select(takeB, a.c0, b.c0), select(takeB, a.c1, b.c1)};
}

PROVERDESK_IFMA_INLINE Fq2Vec operator+(const Fq2Vec& a, const Fq2Vec& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
PROVERDESK_IFMA_INLINE Fq2Vec operator-(const Fq2Vec& a, const Fq2Vec& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
PROVERDESK_IFMA_INLINE Fq2Vec operator-(const Fq2Vec& a) { return {-a.c0, -a.c1}; }

// Karatsuba, with u^2 = −1.
PROVERDESK_IFMA_INLINE Fq2Vec operator*(const Fq2Vec& a, const Fq2Vec& b) {
  const FqVec v0 = a.c0 * b.c0;
  const FqVec v1 = a.c1 * b.c1;
  return {v0 - v1, (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1};
}

PROVERDESK_IFMA_INLINE Fq2Vec squared(const Fq2Vec& a) {
  const FqVec ab = a.c0 * a.c1;
  return {(a.c0 + a.c1) * (a.c0 - a.c1), ab + ab};
}

// What generic lane code (the MSM's buckets) needs of a field: its vector and limb types, row storage, and the
// norm map used to batch Fq2 inversions in Fq (d^−1 = conj(d) / norm(d)).
template <class F>
struct LaneField;

template <>
struct LaneField<Fq> {
  using Vec = FqVec;
  using Limbs = FqLimbs;
  static constexpr size_t kRows = kLimbs;
  static PROVERDESK_IFMA_INLINE Vec load(const uint64_t* rows, size_t stride) { return lanes::load(rows, stride); }
  static PROVERDESK_IFMA_INLINE void store(uint64_t* rows, size_t stride, const Vec& v) { lanes::store(rows, stride, v); }
  static PROVERDESK_IFMA_INLINE Vec constant(const Fq& c) { return lanes::constant(toLimbs(c)); }
  static PROVERDESK_IFMA_INLINE Vec select(__mmask8 takeB, const Vec& a, const Vec& b) { return lanes::select(takeB, a, b); }
  static PROVERDESK_IFMA_INLINE FqVec norm(const Vec& d) { return d; }
  static PROVERDESK_IFMA_INLINE Vec inverseFromNorm(const Vec&, const FqVec& normInverse) { return normInverse; }
};

template <>
struct LaneField<Fq2> {
  using Vec = Fq2Vec;
  using Limbs = Fq2Limbs;
  static constexpr size_t kRows = 2 * kLimbs;
  static PROVERDESK_IFMA_INLINE Vec load(const uint64_t* rows, size_t stride) {
    return {lanes::load(rows, stride), lanes::load(rows + kLimbs * stride, stride)};
  }
  static PROVERDESK_IFMA_INLINE void store(uint64_t* rows, size_t stride, const Vec& v) {
    lanes::store(rows, stride, v.c0);
    lanes::store(rows + kLimbs * stride, stride, v.c1);
  }
  static PROVERDESK_IFMA_INLINE Vec constant(const Fq2& c) { return {lanes::constant(toLimbs(c.c0)), lanes::constant(toLimbs(c.c1))}; }
  static PROVERDESK_IFMA_INLINE Vec select(__mmask8 takeB, const Vec& a, const Vec& b) { return lanes::select(takeB, a, b); }
  static PROVERDESK_IFMA_INLINE FqVec norm(const Vec& d) { return squared(d.c0) + squared(d.c1); }
  static PROVERDESK_IFMA_INLINE Vec inverseFromNorm(const Vec& d, const FqVec& normInverse) {
    return {d.c0 * normInverse, -(d.c1 * normInverse)};
  }
};

}  // namespace proverdesk::lanes

#endif
