// Prime field element in Montgomery form (value·2^256 mod p) on four 64-bit limbs.
// Params supplies: modulus, r1 (2^256 mod p), r2 (2^512 mod p), r3 (2^768 mod p), inv (-p^-1 mod 2^64), name.
// Moduli must be below 2^255 so that a + b never overflows 256 bits.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "field/montgomery_multiply_adx.hpp"
#include "field/uint256.hpp"
#include "platform/cpu_features.hpp"

namespace proverdesk {

template <class Params>
class MontgomeryField {
 public:
  constexpr MontgomeryField() = default;

  static constexpr MontgomeryField zero() { return MontgomeryField(); }
  static constexpr MontgomeryField one() { return fromMontgomery(Params::r1); }
  static constexpr const U256& modulus() { return Params::modulus; }

  // The raw Montgomery representation, as stored in zkey files ("LEM").
  static constexpr MontgomeryField fromMontgomery(const U256& raw) {
    MontgomeryField f;
    f.m_ = raw;
    return f;
  }
  constexpr const U256& montgomery() const { return m_; }

  // Canonical value in [0, p); throws if it is not below p.
  static MontgomeryField fromCanonical(const U256& value) {
    if (!(value < Params::modulus)) throw std::invalid_argument(std::string(Params::name) + " element is not below the modulus");
    return fromMontgomery(value) * fromMontgomery(Params::r2);
  }
  static MontgomeryField fromUint(uint64_t v) { return fromCanonical(U256{{v, 0, 0, 0}}); }
  U256 canonical() const { return (*this * fromMontgomery(U256{{1, 0, 0, 0}})).m_; }

  static MontgomeryField fromDecimal(std::string_view text) { return fromCanonical(U256::fromDecimal(text)); }
  std::string toDecimal() const { return canonical().toDecimal(); }

  constexpr bool isZero() const { return m_.isZero(); }
  friend constexpr bool operator==(const MontgomeryField&, const MontgomeryField&) = default;

  // Addition and subtraction select their result with masks, not branches: in MSM and NTT loops the
  // branch would be unpredictable.
  friend MontgomeryField operator+(const MontgomeryField& a, const MontgomeryField& b) {
    MontgomeryField r;
    addWithCarry(r.m_, a.m_, b.m_);
    r.reduceOnce();
    return r;
  }
  friend MontgomeryField operator-(const MontgomeryField& a, const MontgomeryField& b) {
    MontgomeryField r;
    const uint64_t mask = uint64_t{0} - subWithBorrow(r.m_, a.m_, b.m_);
    const U256 correction{{Params::modulus.limb[0] & mask, Params::modulus.limb[1] & mask, Params::modulus.limb[2] & mask,
                           Params::modulus.limb[3] & mask}};
    addWithCarry(r.m_, r.m_, correction);
    return r;
  }
  MontgomeryField operator-() const { return zero() - *this; }
  MontgomeryField& operator+=(const MontgomeryField& o) { return *this = *this + o; }
  MontgomeryField& operator-=(const MontgomeryField& o) { return *this = *this - o; }
  MontgomeryField& operator*=(const MontgomeryField& o) { return *this = *this * o; }
  MontgomeryField doubled() const { return *this + *this; }

  [[gnu::always_inline]] friend MontgomeryField operator*(const MontgomeryField& a, const MontgomeryField& b) {
    MontgomeryField r;
    montgomeryMultiply(r.m_, a.m_, b.m_);
    return r;
  }
  [[gnu::always_inline]] MontgomeryField squared() const {
#ifdef PROVERDESK_HAVE_ADX_ASM
    if (kUseAdx) {
      MontgomeryField r;
      montgomerySquareAdx(r.m_.limb.data(), m_.limb.data(), Params::modulus.limb.data(), Params::inv);
      return r;
    }
#endif
    return *this * *this;
  }

  MontgomeryField pow(const U256& exponent) const {
    MontgomeryField result = one();
    for (int i = static_cast<int>(exponent.bitLength()) - 1; i >= 0; --i) {
      result = result.squared();
      if (exponent.bit(static_cast<unsigned>(i))) result *= *this;
    }
    return result;
  }

  // Kaliski's almost inverse on the Montgomery representation aR gives x = (aR)^-1·2^k (254 ≤ k ≤ 508) with
  // shifts, additions and subtractions only (no modular halving); three Montgomery products then turn x into
  // a^-1·R. Variable time: it is used on public data and per-proof blinding only.
  MontgomeryField inverse() const {
    if (isZero()) throw std::domain_error(std::string("inverse of zero in ") + Params::name);
    U256 u = Params::modulus;
    U256 v = m_;
    U256 r{};
    U256 s{{1, 0, 0, 0}};
    unsigned k = 0;
    // r and s never exceed 2p < 2^255, so the doublings cannot overflow.
    for (; !v.isZero(); ++k) {
      if ((u.limb[0] & 1) == 0) {
        shiftRight1(u);
        shiftLeft1(s);
      } else if ((v.limb[0] & 1) == 0) {
        shiftRight1(v);
        shiftLeft1(r);
      } else if (v < u) {
        subWithBorrow(u, u, v);
        shiftRight1(u);
        addWithCarry(r, r, s);
        shiftLeft1(s);
      } else {
        subWithBorrow(v, v, u);
        shiftRight1(v);
        addWithCarry(s, s, r);
        shiftLeft1(r);
      }
    }
    if (!(r < Params::modulus)) subWithBorrow(r, r, Params::modulus);
    U256 x;
    subWithBorrow(x, Params::modulus, r);  // x = (aR)^-1·2^k
    // a^-1·R = x·R^2·2^-k: multiply by R^3 (giving x·R^2), then by 2^(512-k) and by 1 (each divides by R).
    MontgomeryField twoPow = fromMontgomery(U256{});
    const unsigned j = 512 - k;
    if (j < 254) {
      U256 bit{};
      bit.limb[j / 64] = uint64_t{1} << (j % 64);
      twoPow = fromMontgomery(bit);
    } else {
      twoPow = fromMontgomery(U256{{0, 0, 0, uint64_t{1} << 61}});  // 2^253
      for (unsigned i = 253; i < j; ++i) twoPow = twoPow + twoPow;
    }
    return fromMontgomery(x) * fromMontgomery(Params::r3) * twoPow * fromMontgomery(U256{{1, 0, 0, 0}});
  }

 private:
  static constexpr void shiftRight1(U256& x) {
    for (int i = 0; i < 3; ++i) x.limb[i] = (x.limb[i] >> 1) | (x.limb[i + 1] << 63);
    x.limb[3] >>= 1;
  }
  static constexpr void shiftLeft1(U256& x) {
    for (int i = 3; i > 0; --i) x.limb[i] = (x.limb[i] << 1) | (x.limb[i - 1] >> 63);
    x.limb[0] <<= 1;
  }

  // CIOS Montgomery multiplication without the final carry words ("no-carry" variant): valid because the
  // top limb of the modulus is below 2^62, so intermediate values never exceed 4 limbs plus a bit.
  // Kept out of line: inlining dozens of these into curve formulas spills registers and runs slower.
  // The BMI2/ADX path is compact enough to inline; the portable path stays out of line.
  [[gnu::always_inline]] static void montgomeryMultiply(U256& out, const U256& x, const U256& y) {
#ifdef PROVERDESK_HAVE_ADX_ASM
    if (kUseAdx) {
      montgomeryMultiplyAdx(out.limb.data(), x.limb.data(), y.limb.data(), Params::modulus.limb.data(), Params::inv);
      return;
    }
#endif
    montgomeryMultiplyPortable(out, x, y);
  }

  [[gnu::noinline]] static void montgomeryMultiplyPortable(U256& out, const U256& x, const U256& y) {
    static_assert(Params::modulus.limb[3] < (uint64_t{1} << 62), "no-carry Montgomery needs two spare bits");
    const auto& p = Params::modulus.limb;
    const auto& a = x.limb;
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (int i = 0; i < 4; ++i) {
      const uint64_t bi = y.limb[i];
      uint64_t carryA = 0;
      uint64_t carryC = 0;
      const uint64_t lo0 = mulAdd(a[0], bi, t0, 0, carryA);
      const uint64_t m = lo0 * Params::inv;
      mulAdd(m, p[0], lo0, 0, carryC);  // the low word is zero by the choice of m
      t0 = mulAdd(m, p[1], mulAdd(a[1], bi, t1, carryA, carryA), carryC, carryC);
      t1 = mulAdd(m, p[2], mulAdd(a[2], bi, t2, carryA, carryA), carryC, carryC);
      t2 = mulAdd(m, p[3], mulAdd(a[3], bi, t3, carryA, carryA), carryC, carryC);
      t3 = carryA + carryC;
    }
    out = U256{{t0, t1, t2, t3}};
    reduceBelowModulus(out);
  }

  // v < 2p  →  v mod p
  [[gnu::always_inline]] static constexpr void reduceBelowModulus(U256& v) {
    U256 t;
    const uint64_t keep = uint64_t{0} - subWithBorrow(t, v, Params::modulus);  // all ones when v < p
    for (int i = 0; i < 4; ++i) v.limb[i] = (v.limb[i] & keep) | (t.limb[i] & ~keep);
  }
  constexpr void reduceOnce() { reduceBelowModulus(m_); }

  static inline const bool kUseAdx = cpuHasBmi2Adx();

  U256 m_{};
};

}  // namespace proverdesk
