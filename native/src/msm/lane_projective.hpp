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

// p + q; b3 = 3·b of the curve.
template <class F>
PROVERDESK_IFMA_INLINE ProjectiveVec<F> completeAdd(const ProjectiveVec<F>& p, const ProjectiveVec<F>& q,
                                                    const typename LaneField<F>::Vec& b3) {
  using Vec = typename LaneField<F>::Vec;
  Vec t0 = p.x * q.x;
  Vec t1 = p.y * q.y;
  Vec t2 = p.z * q.z;
  Vec t3 = (p.x + p.y) * (q.x + q.y) - (t0 + t1);
  Vec t4 = (p.y + p.z) * (q.y + q.z) - (t1 + t2);
  Vec y3 = (p.x + p.z) * (q.x + q.z) - (t0 + t2);
  t0 = t0 + t0 + t0;
  t2 = b3 * t2;
  Vec z3 = t1 + t2;
  t1 = t1 - t2;
  y3 = b3 * y3;
  const Vec x3 = t3 * t1 - t4 * y3;
  y3 = t1 * z3 + y3 * t0;
  z3 = z3 * t4 + t0 * t3;
  return {x3, y3, z3};
}

// p + (qx, qy) for an affine q (not the point at infinity).
template <class F>
PROVERDESK_IFMA_INLINE ProjectiveVec<F> completeAddAffine(const ProjectiveVec<F>& p, const typename LaneField<F>::Vec& qx,
                                                          const typename LaneField<F>::Vec& qy, const typename LaneField<F>::Vec& b3) {
  using Vec = typename LaneField<F>::Vec;
  Vec t0 = p.x * qx;
  Vec t1 = p.y * qy;
  const Vec t3 = (qx + qy) * (p.x + p.y) - (t0 + t1);
  const Vec t4 = qy * p.z + p.y;
  Vec y3 = qx * p.z + p.x;
  t0 = t0 + t0 + t0;
  const Vec t2 = b3 * p.z;
  Vec z3 = t1 + t2;
  t1 = t1 - t2;
  y3 = b3 * y3;
  const Vec x3 = t3 * t1 - t4 * y3;
  y3 = t1 * z3 + y3 * t0;
  z3 = z3 * t4 + t0 * t3;
  return {x3, y3, z3};
}

}  // namespace proverdesk::lanes

#endif
