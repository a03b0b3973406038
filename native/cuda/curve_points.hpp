// BN254 points for the GPU, G1 (over Fq) and G2 (over Fq2) from one template, with the engine's formulas
// (dbl-2009-l, add-2007-bl, madd-2007-bl; a = 0, so b never appears) and byte layouts: affine x, y (infinity is
// (0, 0)); Jacobian X, Y, Z (infinity has Z = 0).
#pragma once

#include "fp256.hpp"
#include "fq2.hpp"

namespace pdgpu {

template <class F>
struct AffinePoint {
  F x;
  F y;

  PD_HD bool isInfinity() const { return x.isZero() && y.isZero(); }
};

template <class F>
struct JacobianPoint {
  using Field = F;
  using Affine = AffinePoint<F>;

  F x;
  F y;
  F z;

  static PD_HD JacobianPoint infinity() { return JacobianPoint{F::zero(), F::zero(), F::zero()}; }
  PD_HD bool isInfinity() const { return z.isZero(); }

  PD_HD JacobianPoint doubled() const {
    if (isInfinity()) return *this;
    const F a = x.squared();
    const F b = y.squared();
    const F c = b.squared();
    const F d = ((x + b).squared() - a - c).doubled();
    const F e = a.doubled() + a;
    const F f = e.squared();
    const F x3 = f - d.doubled();
    const F c8 = c.doubled().doubled().doubled();
    return JacobianPoint{x3, e * (d - x3) - c8, (y * z).doubled()};
  }

  PD_HD JacobianPoint plus(const JacobianPoint& q) const {
    if (isInfinity()) return q;
    if (q.isInfinity()) return *this;
    const F z1z1 = z.squared();
    const F z2z2 = q.z.squared();
    const F u1 = x * z2z2;
    const F u2 = q.x * z1z1;
    const F s1 = y * q.z * z2z2;
    const F s2 = q.y * z * z1z1;
    const F h = u2 - u1;
    const F r = (s2 - s1).doubled();
    if (h.isZero()) return r.isZero() ? doubled() : infinity();
    const F i = h.doubled().squared();
    const F j = h * i;
    const F v = u1 * i;
    const F x3 = r.squared() - j - v.doubled();
    const F y3 = r * (v - x3) - (s1 * j).doubled();
    const F z3 = ((z + q.z).squared() - z1z1 - z2z2) * h;
    return JacobianPoint{x3, y3, z3};
  }

  // this + q, or this − q when `subtract`.
  PD_HD JacobianPoint plusAffine(const Affine& q, bool subtract) const {
    if (q.isInfinity()) return *this;
    const F qy = subtract ? -q.y : q.y;
    if (isInfinity()) return JacobianPoint{q.x, qy, F::one()};
    const F z1z1 = z.squared();
    const F u2 = q.x * z1z1;
    const F s2 = qy * z * z1z1;
    const F h = u2 - x;
    const F r = (s2 - y).doubled();
    if (h.isZero()) return r.isZero() ? doubled() : infinity();
    const F hh = h.squared();
    const F i = hh.doubled().doubled();
    const F j = h * i;
    const F v = x * i;
    const F x3 = r.squared() - j - v.doubled();
    const F y3 = r * (v - x3) - (y * j).doubled();
    const F z3 = (z + h).squared() - z1z1 - hh;
    return JacobianPoint{x3, y3, z3};
  }

  // k·this for a small k (bucket-index weights), by double-and-add.
  PD_HD JacobianPoint timesSmall(uint32_t k) const {
    JacobianPoint result = infinity();
    for (int bit = 31; bit >= 0; --bit) {
      result = result.doubled();
      if ((k >> bit) & 1) result = result.plus(*this);
    }
    return result;
  }
};

using G1AffinePoint = AffinePoint<FqElement>;
using G1Point = JacobianPoint<FqElement>;
using G2AffinePoint = AffinePoint<Fq2Element>;
using G2Point = JacobianPoint<Fq2Element>;

}  // namespace pdgpu
