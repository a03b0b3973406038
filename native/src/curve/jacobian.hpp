// Short Weierstrass points y^2 = x^3 + b (a = 0) in affine and Jacobian coordinates,
// generic over the coordinate field so that G1 (over Fq) and G2 (over Fq2) share one implementation.
// Jacobian (X, Y, Z) stands for the affine point (X/Z^2, Y/Z^3); Z = 0 is the point at infinity.
#pragma once

#include <span>
#include <vector>

#include "field/uint256.hpp"

namespace proverdesk {

// Affine point; (0, 0) is the point at infinity (it is never on the curve because b != 0),
// matching how snarkjs writes the zero point in zkey files.
template <class F>
struct Affine {
  F x;
  F y;

  bool isInfinity() const { return x.isZero() && y.isZero(); }
  Affine negated() const { return isInfinity() ? *this : Affine{x, -y}; }
  friend bool operator==(const Affine&, const Affine&) = default;
};

template <class Curve>
class Jacobian {
 public:
  using F = typename Curve::Field;
  using AffinePoint = Affine<F>;

  Jacobian() = default;  // infinity
  Jacobian(const F& x, const F& y, const F& z) : x_(x), y_(y), z_(z) {}
  static Jacobian infinity() { return Jacobian(); }
  static Jacobian fromAffine(const AffinePoint& p) {
    return p.isInfinity() ? infinity() : Jacobian(p.x, p.y, F::one());
  }

  bool isInfinity() const { return z_.isZero(); }
  const F& x() const { return x_; }
  const F& y() const { return y_; }
  const F& z() const { return z_; }

  // dbl-2009-l
  Jacobian doubled() const {
    if (isInfinity()) return *this;
    const F a = x_.squared();
    const F b = y_.squared();
    const F c = b.squared();
    const F d = ((x_ + b).squared() - a - c).doubled();
    const F e = a.doubled() + a;
    const F f = e.squared();
    const F x3 = f - d.doubled();
    const F c8 = c.doubled().doubled().doubled();
    return Jacobian(x3, e * (d - x3) - c8, (y_ * z_).doubled());
  }

  // add-2007-bl, falling back to doubling for equal inputs.
  friend Jacobian operator+(const Jacobian& p, const Jacobian& q) {
    if (p.isInfinity()) return q;
    if (q.isInfinity()) return p;
    const F z1z1 = p.z_.squared();
    const F z2z2 = q.z_.squared();
    const F u1 = p.x_ * z2z2;
    const F u2 = q.x_ * z1z1;
    const F s1 = p.y_ * q.z_ * z2z2;
    const F s2 = q.y_ * p.z_ * z1z1;
    const F h = u2 - u1;
    const F r = (s2 - s1).doubled();
    if (h.isZero()) return r.isZero() ? p.doubled() : infinity();
    const F i = h.doubled().squared();
    const F j = h * i;
    const F v = u1 * i;
    const F x3 = r.squared() - j - v.doubled();
    const F y3 = r * (v - x3) - (s1 * j).doubled();
    const F z3 = ((p.z_ + q.z_).squared() - z1z1 - z2z2) * h;
    return Jacobian(x3, y3, z3);
  }

  // madd-2007-bl: this + affine q.
  Jacobian addMixed(const AffinePoint& q) const {
    if (q.isInfinity()) return *this;
    if (isInfinity()) return fromAffine(q);
    const F z1z1 = z_.squared();
    const F u2 = q.x * z1z1;
    const F s2 = q.y * z_ * z1z1;
    const F h = u2 - x_;
    const F r = (s2 - y_).doubled();
    if (h.isZero()) return r.isZero() ? doubled() : infinity();
    const F hh = h.squared();
    const F i = hh.doubled().doubled();
    const F j = h * i;
    const F v = x_ * i;
    const F x3 = r.squared() - j - v.doubled();
    const F y3 = r * (v - x3) - (y_ * j).doubled();
    const F z3 = (z_ + h).squared() - z1z1 - hh;
    return Jacobian(x3, y3, z3);
  }

  Jacobian negated() const { return Jacobian(x_, -y_, z_); }
  Jacobian& operator+=(const Jacobian& q) { return *this = *this + q; }
  friend Jacobian operator-(const Jacobian& p, const Jacobian& q) { return p + q.negated(); }

  AffinePoint toAffine() const {
    if (isInfinity()) return AffinePoint{};
    const F zi = z_.inverse();
    const F zi2 = zi.squared();
    return AffinePoint{x_ * zi2, y_ * zi2 * zi};
  }

  // Double-and-add on a canonical (non-Montgomery) scalar; not constant time (provers hold no long-term secret here
  // beyond the per-proof blinding, which snarkjs also handles in variable time).
  Jacobian times(const U256& scalar) const {
    Jacobian acc;
    for (int i = static_cast<int>(scalar.bitLength()) - 1; i >= 0; --i) {
      acc = acc.doubled();
      if (scalar.bit(static_cast<unsigned>(i))) acc += *this;
    }
    return acc;
  }

  friend bool operator==(const Jacobian& p, const Jacobian& q) {
    if (p.isInfinity() || q.isInfinity()) return p.isInfinity() == q.isInfinity();
    const F z1z1 = p.z_.squared();
    const F z2z2 = q.z_.squared();
    return p.x_ * z2z2 == q.x_ * z1z1 && p.y_ * z2z2 * q.z_ == q.y_ * z1z1 * p.z_;
  }

 private:
  F x_{};
  F y_{};
  F z_{};
};

template <class Curve>
bool isOnCurve(const Affine<typename Curve::Field>& p) {
  if (p.isInfinity()) return true;
  return p.y.squared() == p.x.squared() * p.x + Curve::b();
}

// Montgomery's trick: one inversion for the whole batch.
template <class Curve>
std::vector<Affine<typename Curve::Field>> batchToAffine(std::span<const Jacobian<Curve>> points) {
  using F = typename Curve::Field;
  std::vector<Affine<F>> out(points.size());
  std::vector<F> prefix(points.size());
  F acc = F::one();
  for (size_t i = 0; i < points.size(); ++i) {
    prefix[i] = acc;
    if (!points[i].isInfinity()) acc *= points[i].z();
  }
  F inv = acc.inverse();
  for (size_t i = points.size(); i-- > 0;) {
    if (points[i].isInfinity()) continue;
    const F zi = inv * prefix[i];
    inv *= points[i].z();
    const F zi2 = zi.squared();
    out[i] = Affine<F>{points[i].x() * zi2, points[i].y() * zi2 * zi};
  }
  return out;
}

}  // namespace proverdesk
