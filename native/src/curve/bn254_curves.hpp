// BN254 groups: G1 over Fq with b = 3, G2 on the sextic twist over Fq2 with b' = 3 / (9 + u).
#pragma once

#include "curve/jacobian.hpp"
#include "field/bn254.hpp"
#include "field/fq2.hpp"

namespace proverdesk {

struct G1Curve {
  using Field = Fq;
  static const Fq& b();
  static const Affine<Fq>& generator();
};

struct G2Curve {
  using Field = Fq2;
  static const Fq2& b();
  static const Affine<Fq2>& generator();
};

using G1Affine = Affine<Fq>;
using G2Affine = Affine<Fq2>;
using G1 = Jacobian<G1Curve>;
using G2 = Jacobian<G2Curve>;

}  // namespace proverdesk
