// Eight curve points at once in homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, with the
// complete addition formulas of Renes, Costello and Batina (eprint 2015/1060, algorithms 7 and 8 for a = 0):
// one formula for every pair of inputs (doubling and the point at infinity (0 : 1 : 0) included), so no lane
// needs a branch. Used to sum the MSM buckets, eight running sums side by side.
#pragma once

#include "field/fq2_lanes.hpp"

#ifdef PROVERDESK_HAVE_IFMA

#include "curve/jacobian.hpp"

namespace proverdesk::lanes {

template <class F>
struct ProjectiveVec {
  using Vec = typename LaneField<F>::Vec;
  Vec x;
  Vec y;
  Vec z;

  PROVERDESK_IFMA_INLINE static ProjectiveVec infinity() {
    return {Vec{}, LaneField<F>::constant(F::one()), Vec{}};
  }
};

// The common end of both formulas, from the cross terms: xx = X1·X2, yy = Y1·Y2, zz3b = 3b·Z1·Z2, and the
// (mixed) sums xy = X1Y2 + X2Y1, yz = Y1Z2 + Y2Z1, xz = X1Z2 + X2Z1.
template <class F>
PROVERDESK_IFMA_INLINE ProjectiveVec<F> completeAddFinish(const typename LaneField<F>::Vec& xx, const typename LaneField<F>::Vec& yy,
                                                          const typename LaneField<F>::Vec& zz3b, const typename LaneField<F>::Vec& xy,
                                                          const typename LaneField<F>::Vec& yz, const typename LaneField<F>::Vec& xz,
                                                          const typename LaneField<F>::Vec& b3) {
  using Vec = typename LaneField<F>::Vec;
  const Vec xx3 = xx + xx + xx;
  Vec z3 = yy + zz3b;
  const Vec t1 = yy - zz3b;
  Vec y3 = b3 * xz;
  const Vec x3 = xy * t1 - yz * y3;
  y3 = t1 * z3 + y3 * xx3;
  z3 = z3 * yz + xx3 * xy;
  return {x3, y3, z3};
}

// p + q; b3 = 3·b of the curve.
template <class F>
PROVERDESK_IFMA_INLINE ProjectiveVec<F> completeAdd(const ProjectiveVec<F>& p, const ProjectiveVec<F>& q,
                                                    const typename LaneField<F>::Vec& b3) {
  using Vec = typename LaneField<F>::Vec;
  const Vec xx = p.x * q.x;
  const Vec yy = p.y * q.y;
  const Vec zz = p.z * q.z;
  const Vec xy = (p.x + p.y) * (q.x + q.y) - (xx + yy);
  const Vec yz = (p.y + p.z) * (q.y + q.z) - (yy + zz);
  const Vec xz = (p.x + p.z) * (q.x + q.z) - (xx + zz);
  return completeAddFinish<F>(xx, yy, b3 * zz, xy, yz, xz, b3);
}

// p + (qx, qy) for an affine q (not the point at infinity).
template <class F>
PROVERDESK_IFMA_INLINE ProjectiveVec<F> completeAddAffine(const ProjectiveVec<F>& p, const typename LaneField<F>::Vec& qx,
                                                          const typename LaneField<F>::Vec& qy, const typename LaneField<F>::Vec& b3) {
  using Vec = typename LaneField<F>::Vec;
  const Vec xx = p.x * qx;
  const Vec yy = p.y * qy;
  const Vec xy = (qx + qy) * (p.x + p.y) - (xx + yy);
  return completeAddFinish<F>(xx, yy, b3 * p.z, xy, qy * p.z + p.y, qx * p.z + p.x, b3);
}

}  // namespace proverdesk::lanes

#endif
