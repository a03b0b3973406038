#include "curve/bn254_curves.hpp"

namespace proverdesk {

const Fq& G1Curve::b() {
  static const Fq value = Fq::fromUint(3);
  return value;
}

const Affine<Fq>& G1Curve::generator() {
  static const Affine<Fq> value{Fq::fromUint(1), Fq::fromUint(2)};
  return value;
}

const Fq2& G2Curve::b() {
  static const Fq2 value = Fq2{Fq::fromUint(3), Fq::zero()} * Fq2{Fq::fromUint(9), Fq::fromUint(1)}.inverse();
  return value;
}

// The generator snarkjs/ffjavascript use for bn128 (coefficients c0, c1).
const Affine<Fq2>& G2Curve::generator() {
  static const Affine<Fq2> value{
      Fq2{Fq::fromDecimal("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
          Fq::fromDecimal("11559732032986387107991004021392285783925812861821192530917403151452391805634")},
      Fq2{Fq::fromDecimal("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
          Fq::fromDecimal("4082367875863433681332203403145435568316851327593401208105741076214120093531")}};
  return value;
}

}  // namespace proverdesk
