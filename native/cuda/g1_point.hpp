// BN254 G1 points for the GPU, with the engine's formulas (dbl-2009-l, add-2007-bl, madd-2007-bl) and byte
// layouts: affine x, y (infinity is (0, 0)); Jacobian X, Y, Z (infinity has Z = 0).
#pragma once

#include "fp256.hpp"

namespace pdgpu {

struct G1AffinePoint {
  FqElement x;
  FqElement y;

  PD_HD bool isInfinity() const { return x.isZero() && y.isZero(); }
};

struct G1Point {
  FqElement x;
  FqElement y;
  FqElement z;

  static PD_HD G1Point infinity() { return G1Point{FqElement::zero(), FqElement::zero(), FqElement::zero()}; }
  static PD_HD G1Point fromAffine(const G1AffinePoint& p) {
    return p.isInfinity() ? infinity() : G1Point{p.x, p.y, FqElement::one()};
  }
  PD_HD bool isInfinity() const { return z.isZero(); }
  PD_HD G1Point negated() const { return G1Point{x, -y, z}; }

  PD_HD G1Point doubled() const {
    if (isInfinity()) return *this;
    const FqElement a = x.squared();
    const FqElement b = y.squared();
    const FqElement c = b.squared();
    const FqElement d = ((x + b).squared() - a - c).doubled();
    const FqElement e = a.doubled() + a;
    const FqElement f = e.squared();
    const FqElement x3 = f - d.doubled();
    const FqElement c8 = c.doubled().doubled().doubled();
    return G1Point{x3, e * (d - x3) - c8, (y * z).doubled()};
  }

  PD_HD G1Point plus(const G1Point& q) const {
    if (isInfinity()) return q;
    if (q.isInfinity()) return *this;
    const FqElement z1z1 = z.squared();
    const FqElement z2z2 = q.z.squared();
    const FqElement u1 = x * z2z2;
    const FqElement u2 = q.x * z1z1;
    const FqElement s1 = y * q.z * z2z2;
    const FqElement s2 = q.y * z * z1z1;
    const FqElement h = u2 - u1;
    const FqElement r = (s2 - s1).doubled();
    if (h.isZero()) return r.isZero() ? doubled() : infinity();
    const FqElement i = h.doubled().squared();
    const FqElement j = h * i;
    const FqElement v = u1 * i;
    const FqElement x3 = r.squared() - j - v.doubled();
    const FqElement y3 = r * (v - x3) - (s1 * j).doubled();
    const FqElement z3 = ((z + q.z).squared() - z1z1 - z2z2) * h;
    return G1Point{x3, y3, z3};
  }

  // this + q, or this − q when `subtract`.
  PD_HD G1Point plusAffine(const G1AffinePoint& q, bool subtract) const {
    if (q.isInfinity()) return *this;
    const FqElement qy = subtract ? -q.y : q.y;
    if (isInfinity()) return G1Point{q.x, qy, FqElement::one()};
    const FqElement z1z1 = z.squared();
    const FqElement u2 = q.x * z1z1;
    const FqElement s2 = qy * z * z1z1;
    const FqElement h = u2 - x;
    const FqElement r = (s2 - y).doubled();
    if (h.isZero()) return r.isZero() ? doubled() : infinity();
    const FqElement hh = h.squared();
    const FqElement i = hh.doubled().doubled();
    const FqElement j = h * i;
    const FqElement v = x * i;
    const FqElement x3 = r.squared() - j - v.doubled();
    const FqElement y3 = r * (v - x3) - (y * j).doubled();
    const FqElement z3 = (z + h).squared() - z1z1 - hh;
    return G1Point{x3, y3, z3};
  }

  // k·this for a small k (bucket-index weights), by double-and-add.
  PD_HD G1Point timesSmall(uint32_t k) const {
    G1Point result = infinity();
    for (int bit = 31; bit >= 0; --bit) {
      result = result.doubled();
      if ((k >> bit) & 1) result = result.plus(*this);
    }
    return result;
  }
};

}  // namespace pdgpu
