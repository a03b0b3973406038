// Eight BN254 Fq elements side by side in AVX-512 registers, for CPUs with IFMA (vpmadd52luq/vpmadd52huq).
// An element is five 52-bit limbs in Montgomery form with R = 2^260 (value v held as v·2^260 mod p, always fully
// reduced, so equal values have equal limbs). One 8-lane multiplication costs about what one scalar mulx/adx
// multiplication does, so independent work (the MSM's batched bucket additions) runs several times faster.
// Only compiled for x86-64 with GCC or Clang; callers check cpuHasAvx512Ifma() before using any of it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "field/fq2.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PROVERDESK_HAVE_IFMA 1
#include <immintrin.h>

#define PROVERDESK_IFMA_TARGET __attribute__((target("avx512f,avx512dq,avx512vl,avx512ifma")))
#ifdef PROVERDESK_LIGHT_INLINING
// Sanitizer builds: forcing every lane operation inline makes huge instrumented functions that take minutes to compile.
#define PROVERDESK_IFMA_INLINE PROVERDESK_IFMA_TARGET inline
#else
#define PROVERDESK_IFMA_INLINE PROVERDESK_IFMA_TARGET __attribute__((always_inline)) inline
#endif

namespace proverdesk::lanes {

constexpr size_t kLanes = 8;
constexpr size_t kLimbs = 5;
constexpr uint64_t kLimbMask = (uint64_t{1} << 52) - 1;
constexpr uint64_t kP[kLimbs] = {0x8c16d87cfd47, 0x916871ca8d3c2, 0x181585d97816a, 0xa029b85045b68, 0x30644e72e131};
constexpr uint64_t kInv = 0x20782e4866389;  // −p^−1 mod 2^52

// One element in lane form, for scalar code (staging, comparisons). Conversions cost one scalar multiplication.
struct FqLimbs {
  uint64_t l[kLimbs];
  friend bool operator==(const FqLimbs&, const FqLimbs&) = default;
};

// The same 256-bit integer in 64-bit and in 52-bit limbs (no change of Montgomery radix).
inline FqLimbs splitLimbs(const U256& m) {
  const auto& v = m.limb;
  return FqLimbs{{v[0] & kLimbMask, ((v[0] >> 52) | (v[1] << 12)) & kLimbMask, ((v[1] >> 40) | (v[2] << 24)) & kLimbMask,
                  ((v[2] >> 28) | (v[3] << 36)) & kLimbMask, v[3] >> 16}};
}

inline U256 joinLimbs(const FqLimbs& a) {
  return U256{{a.l[0] | (a.l[1] << 52), (a.l[1] >> 12) | (a.l[2] << 40), (a.l[2] >> 24) | (a.l[3] << 28), (a.l[3] >> 36) | (a.l[4] << 16)}};
}

inline FqLimbs toLimbs(const Fq& a) {
  static const Fq sixteen = Fq::fromUint(16);  // v·2^256 → v·2^260
  return splitLimbs((a * sixteen).montgomery());
}

inline Fq fromLimbs(const FqLimbs& a) {
  static const Fq sixteenth = Fq::fromUint(16).inverse();
  return Fq::fromMontgomery(joinLimbs(a)) * sixteenth;
}

// p − a (0 stays 0), on canonical limbs.
inline FqLimbs negated(const FqLimbs& a) {
  if (a == FqLimbs{}) return a;
  FqLimbs r;
  uint64_t borrow = 0;
  for (size_t j = 0; j < kLimbs; ++j) {
    const uint64_t d = kP[j] - a.l[j] - borrow;
    borrow = d >> 63;
    r.l[j] = d & kLimbMask;
  }
  return r;
}

struct alignas(64) FqVec {
  __m512i l[kLimbs];
};

PROVERDESK_IFMA_INLINE __m512i broadcast(uint64_t v) { return _mm512_set1_epi64(static_cast<long long>(v)); }

// Logical right shift of each lane. The zero-masked form gives the same instruction as _mm512_srli_epi64 without
// GCC's "undefined" pass-through operand, which sets off -Wmaybe-uninitialized in sanitizer builds.
template <unsigned Bits>
PROVERDESK_IFMA_INLINE __m512i shiftRight(__m512i v) {
  return _mm512_maskz_srli_epi64(static_cast<__mmask8>(0xFF), v, Bits);
}

// Lane i of limb j is at rows[j·stride + i].
PROVERDESK_IFMA_INLINE FqVec load(const uint64_t* rows, size_t stride) {
  FqVec v;
  for (size_t j = 0; j < kLimbs; ++j) v.l[j] = _mm512_loadu_si512(rows + j * stride);
  return v;
}

PROVERDESK_IFMA_INLINE void store(uint64_t* rows, size_t stride, const FqVec& v) {
  for (size_t j = 0; j < kLimbs; ++j) _mm512_storeu_si512(rows + j * stride, v.l[j]);
}

PROVERDESK_IFMA_INLINE FqVec constant(const FqLimbs& c) {
  FqVec v;
  for (size_t j = 0; j < kLimbs; ++j) v.l[j] = broadcast(c.l[j]);
  return v;
}

PROVERDESK_IFMA_INLINE FqVec select(__mmask8 takeB, const FqVec& a, const FqVec& b) {
  FqVec r;
  for (size_t j = 0; j < kLimbs; ++j) r.l[j] = _mm512_mask_mov_epi64(a.l[j], takeB, b.l[j]);
  return r;
}

// t − p if that is not negative, else t; t has normalised limbs and is below 2p.
PROVERDESK_IFMA_INLINE FqVec reduceOnce(const __m512i t[kLimbs]) {
  const __m512i mask = broadcast(kLimbMask);
  __m512i s[kLimbs];
  s[0] = _mm512_sub_epi64(t[0], broadcast(kP[0]));
  for (size_t j = 1; j < kLimbs; ++j) s[j] = _mm512_sub_epi64(_mm512_sub_epi64(t[j], broadcast(kP[j])), shiftRight<63>(s[j - 1]));
  const __mmask8 negative = _mm512_movepi64_mask(s[kLimbs - 1]);
  FqVec r;
  for (size_t j = 0; j < kLimbs - 1; ++j) r.l[j] = _mm512_mask_mov_epi64(_mm512_and_si512(s[j], mask), negative, t[j]);
  r.l[kLimbs - 1] = _mm512_mask_mov_epi64(s[kLimbs - 1], negative, t[kLimbs - 1]);
  return r;
}

PROVERDESK_IFMA_INLINE void normalise(__m512i t[kLimbs]) {
  const __m512i mask = broadcast(kLimbMask);
  for (size_t j = 0; j + 1 < kLimbs; ++j) {
    t[j + 1] = _mm512_add_epi64(t[j + 1], shiftRight<52>(t[j]));
    t[j] = _mm512_and_si512(t[j], mask);
  }
}

PROVERDESK_IFMA_INLINE FqVec operator+(const FqVec& a, const FqVec& b) {
  __m512i t[kLimbs];
  for (size_t j = 0; j < kLimbs; ++j) t[j] = _mm512_add_epi64(a.l[j], b.l[j]);
  normalise(t);
  return reduceOnce(t);
}

PROVERDESK_IFMA_INLINE FqVec operator-(const FqVec& a, const FqVec& b) {
  const __m512i mask = broadcast(kLimbMask);
  __m512i t[kLimbs];
  t[0] = _mm512_sub_epi64(a.l[0], b.l[0]);
  for (size_t j = 1; j < kLimbs; ++j) t[j] = _mm512_sub_epi64(_mm512_sub_epi64(a.l[j], b.l[j]), shiftRight<63>(t[j - 1]));
  const __mmask8 negative = _mm512_movepi64_mask(t[kLimbs - 1]);
  for (size_t j = 0; j + 1 < kLimbs; ++j) t[j] = _mm512_and_si512(t[j], mask);
  // Add p back where the difference went negative; the top limb's arithmetic is exact in 64 bits.
  for (size_t j = 0; j < kLimbs; ++j) t[j] = _mm512_mask_add_epi64(t[j], negative, t[j], broadcast(kP[j]));
  normalise(t);
  FqVec r;
  for (size_t j = 0; j < kLimbs; ++j) r.l[j] = t[j];
  return r;
}

PROVERDESK_IFMA_INLINE FqVec operator-(const FqVec& a) { return FqVec{} - a; }

// Operand-scanning Montgomery multiplication: five rounds, each adding a·b_i and m·p (m chosen so the low limb
// vanishes) and shifting one limb down. Accumulators stay below 2^58, so no carries are needed until the end;
// the result is below 2p and one conditional subtraction makes it canonical.
PROVERDESK_IFMA_INLINE FqVec operator*(const FqVec& a, const FqVec& b) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i inv = broadcast(kInv);
  __m512i t[kLimbs + 1] = {zero, zero, zero, zero, zero, zero};
  for (size_t i = 0; i < kLimbs; ++i) {
    const __m512i bi = b.l[i];
    for (size_t j = 0; j < kLimbs; ++j) t[j] = _mm512_madd52lo_epu64(t[j], a.l[j], bi);
    const __m512i m = _mm512_madd52lo_epu64(zero, t[0], inv);
    for (size_t j = 0; j < kLimbs; ++j) t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], a.l[j], bi);
    for (size_t j = 0; j < kLimbs; ++j) t[j] = _mm512_madd52lo_epu64(t[j], m, broadcast(kP[j]));
    for (size_t j = 0; j < kLimbs; ++j) t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], m, broadcast(kP[j]));
    const __m512i carry = shiftRight<52>(t[0]);
    for (size_t j = 0; j < kLimbs; ++j) t[j] = t[j + 1];
    t[0] = _mm512_add_epi64(t[0], carry);
    t[kLimbs] = zero;
  }
  normalise(t);
  return reduceOnce(t);
}

PROVERDESK_IFMA_INLINE FqVec squared(const FqVec& a) { return a * a; }

}  // namespace proverdesk::lanes

#endif
