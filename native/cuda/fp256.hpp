// BN254 field elements for the GPU: eight 32-bit limbs, little-endian, Montgomery form with R = 2^256 — the
// same bytes as the engine's four 64-bit limbs, so keys and scalars go to the device as they are in memory.
// Multiplication is CIOS with 32×32→64-bit products (what GPUs multiply natively).
#pragma once

#include <cstdint>

#include "device_runtime.hpp"

namespace pdgpu {

struct FqModulus {
  static constexpr uint32_t p0 = 0xd87cfd47, p1 = 0x3c208c16, p2 = 0x6871ca8d, p3 = 0x97816a91,
                            p4 = 0x8181585d, p5 = 0xb85045b6, p6 = 0xe131a029, p7 = 0x30644e72;
  static constexpr uint32_t inv = 0xe4866389;  // −p^−1 mod 2^32
  // R mod p: the Montgomery form of 1.
  static constexpr uint32_t one0 = 0xc58f0d9d, one1 = 0xd35d438d, one2 = 0xf5c70b3d, one3 = 0x0a78eb28,
                            one4 = 0x7879462c, one5 = 0x666ea36f, one6 = 0x9a07df2f, one7 = 0x0e0a77c1;
};

struct FrModulus {
  static constexpr uint32_t p0 = 0xf0000001, p1 = 0x43e1f593, p2 = 0x79b97091, p3 = 0x2833e848,
                            p4 = 0x8181585d, p5 = 0xb85045b6, p6 = 0xe131a029, p7 = 0x30644e72;
  static constexpr uint32_t inv = 0xefffffff;
  static constexpr uint32_t one0 = 0x4ffffffb, one1 = 0xac96341c, one2 = 0x9f60cd29, one3 = 0x36fc7695,
                            one4 = 0x7879462e, one5 = 0x666ea36f, one6 = 0x9a07df2f, one7 = 0x0e0a77c1;
};

// Limb i of a constant, with i known at compile time after unrolling (device code cannot index host arrays).
template <class M>
PD_HD constexpr uint32_t modulusLimb(int i) {
  switch (i) {
    case 0: return M::p0;
    case 1: return M::p1;
    case 2: return M::p2;
    case 3: return M::p3;
    case 4: return M::p4;
    case 5: return M::p5;
    case 6: return M::p6;
    default: return M::p7;
  }
}

template <class M>
PD_HD constexpr uint32_t oneLimb(int i) {
  switch (i) {
    case 0: return M::one0;
    case 1: return M::one1;
    case 2: return M::one2;
    case 3: return M::one3;
    case 4: return M::one4;
    case 5: return M::one5;
    case 6: return M::one6;
    default: return M::one7;
  }
}

template <class M>
struct Fp {
  uint32_t limb[8];

  static PD_HD Fp zero() {
    Fp r;
PD_UNROLL
    for (int i = 0; i < 8; ++i) r.limb[i] = 0;
    return r;
  }
  static PD_HD Fp one() {
    Fp r;
PD_UNROLL
    for (int i = 0; i < 8; ++i) r.limb[i] = oneLimb<M>(i);
    return r;
  }

  PD_HD bool isZero() const {
    uint32_t any = 0;
PD_UNROLL
    for (int i = 0; i < 8; ++i) any |= limb[i];
    return any == 0;
  }
  PD_HD bool operator==(const Fp& other) const {
    uint32_t diff = 0;
PD_UNROLL
    for (int i = 0; i < 8; ++i) diff |= limb[i] ^ other.limb[i];
    return diff == 0;
  }

  // value − p when value ≥ p (value < 2p).
  PD_HD void reduceOnce() {
    uint32_t reduced[8];
    uint64_t borrow = 0;
PD_UNROLL
    for (int i = 0; i < 8; ++i) {
      const uint64_t d = uint64_t(limb[i]) - modulusLimb<M>(i) - borrow;
      reduced[i] = uint32_t(d);
      borrow = (d >> 32) & 1;
    }
    if (borrow == 0) {
PD_UNROLL
      for (int i = 0; i < 8; ++i) limb[i] = reduced[i];
    }
  }

  PD_HD friend Fp operator+(const Fp& a, const Fp& b) {
    Fp r;
    uint64_t carry = 0;
PD_UNROLL
    for (int i = 0; i < 8; ++i) {
      const uint64_t s = uint64_t(a.limb[i]) + b.limb[i] + carry;
      r.limb[i] = uint32_t(s);
      carry = s >> 32;
    }
    r.reduceOnce();  // p < 2^254, so a + b never carries out of 256 bits
    return r;
  }

  PD_HD friend Fp operator-(const Fp& a, const Fp& b) {
    Fp r;
    uint64_t borrow = 0;
PD_UNROLL
    for (int i = 0; i < 8; ++i) {
      const uint64_t d = uint64_t(a.limb[i]) - b.limb[i] - borrow;
      r.limb[i] = uint32_t(d);
      borrow = (d >> 32) & 1;
    }
    if (borrow != 0) {
      uint64_t carry = 0;
PD_UNROLL
      for (int i = 0; i < 8; ++i) {
        const uint64_t s = uint64_t(r.limb[i]) + modulusLimb<M>(i) + carry;
        r.limb[i] = uint32_t(s);
        carry = s >> 32;
      }
    }
    return r;
  }

  PD_HD Fp operator-() const { return zero() - *this; }
  PD_HD Fp doubled() const { return *this + *this; }

  // Montgomery product a·b·R^−1 (CIOS).
  PD_HD friend Fp operator*(const Fp& a, const Fp& b) {
    uint32_t t[10];
PD_UNROLL
    for (int i = 0; i < 10; ++i) t[i] = 0;
PD_UNROLL
    for (int i = 0; i < 8; ++i) {
      uint64_t carry = 0;
PD_UNROLL
      for (int j = 0; j < 8; ++j) {
        const uint64_t s = uint64_t(a.limb[j]) * b.limb[i] + t[j] + carry;
        t[j] = uint32_t(s);
        carry = s >> 32;
      }
      uint64_t s = uint64_t(t[8]) + carry;
      t[8] = uint32_t(s);
      t[9] = uint32_t(s >> 32);

      const uint32_t m = t[0] * M::inv;
      s = uint64_t(m) * modulusLimb<M>(0) + t[0];
      carry = s >> 32;
PD_UNROLL
      for (int j = 1; j < 8; ++j) {
        s = uint64_t(m) * modulusLimb<M>(j) + t[j] + carry;
        t[j - 1] = uint32_t(s);
        carry = s >> 32;
      }
      s = uint64_t(t[8]) + carry;
      t[7] = uint32_t(s);
      t[8] = t[9] + uint32_t(s >> 32);
    }
    Fp r;
PD_UNROLL
    for (int i = 0; i < 8; ++i) r.limb[i] = t[i];
    r.reduceOnce();  // the CIOS result is below 2p, as p < R/4
    return r;
  }

  PD_HD Fp squared() const { return *this * *this; }

  // this^exponent for a small (up to 64-bit) exponent.
  PD_HD Fp pow(uint64_t exponent) const {
    Fp result = one();
    Fp base = *this;
    while (exponent != 0) {
      if (exponent & 1) result = result * base;
      base = base.squared();
      exponent >>= 1;
    }
    return result;
  }

  // The canonical value (Montgomery form times R^−1).
  PD_HD Fp canonical() const {
    Fp unit = zero();
    unit.limb[0] = 1;
    return *this * unit;
  }
};

using FqElement = Fp<FqModulus>;
using FrElement = Fp<FrModulus>;

}  // namespace pdgpu
