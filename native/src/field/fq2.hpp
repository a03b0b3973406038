// Fq2 = Fq[u]/(u^2 + 1), the field of the BN254 G2 twist.
#pragma once

#include "field/bn254.hpp"

namespace proverdesk {

struct Fq2 {
  Fq c0;
  Fq c1;

  static Fq2 zero() { return {}; }
  static Fq2 one() { return {Fq::one(), Fq::zero()}; }
  bool isZero() const { return c0.isZero() && c1.isZero(); }
  friend bool operator==(const Fq2&, const Fq2&) = default;

  friend Fq2 operator+(const Fq2& a, const Fq2& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fq2 operator-(const Fq2& a, const Fq2& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  Fq2 operator-() const { return {-c0, -c1}; }
  Fq2& operator+=(const Fq2& o) { return *this = *this + o; }
  Fq2& operator-=(const Fq2& o) { return *this = *this - o; }
  Fq2& operator*=(const Fq2& o) { return *this = *this * o; }
  Fq2 doubled() const { return *this + *this; }

  // Karatsuba: three base-field multiplications.
  friend Fq2 operator*(const Fq2& a, const Fq2& b) {
    const Fq v0 = a.c0 * b.c0;
    const Fq v1 = a.c1 * b.c1;
    return {v0 - v1, (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1};
  }
  Fq2 squared() const {
    const Fq ab = c0 * c1;
    return {(c0 + c1) * (c0 - c1), ab + ab};
  }
  Fq2 inverse() const {
    const Fq t = (c0.squared() + c1.squared()).inverse();
    return {c0 * t, -(c1 * t)};
  }
};

}  // namespace proverdesk
