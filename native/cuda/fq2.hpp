// Fq2 = Fq[u]/(u² + 1) for the GPU, the field of BN254's G2 twist: c0 + c1·u, each part in the engine's layout, so
// G2 points go to the device as they are in memory.
#pragma once

#include "fp256.hpp"

namespace pdgpu {

struct Fq2Element {
  FqElement c0;
  FqElement c1;

  static PD_HD Fq2Element zero() { return {FqElement::zero(), FqElement::zero()}; }
  static PD_HD Fq2Element one() { return {FqElement::one(), FqElement::zero()}; }
  PD_HD bool isZero() const { return c0.isZero() && c1.isZero(); }
  PD_HD bool operator==(const Fq2Element& other) const { return c0 == other.c0 && c1 == other.c1; }

  PD_HD friend Fq2Element operator+(const Fq2Element& a, const Fq2Element& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  PD_HD friend Fq2Element operator-(const Fq2Element& a, const Fq2Element& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  PD_HD Fq2Element operator-() const { return {-c0, -c1}; }
  PD_HD Fq2Element doubled() const { return *this + *this; }

  // Karatsuba: three base-field multiplications.
  PD_HD friend Fq2Element operator*(const Fq2Element& a, const Fq2Element& b) {
    const FqElement v0 = a.c0 * b.c0;
    const FqElement v1 = a.c1 * b.c1;
    return {v0 - v1, (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1};
  }
  PD_HD Fq2Element squared() const {
    const FqElement ab = c0 * c1;
    return {(c0 + c1) * (c0 - c1), ab + ab};
  }
};

}  // namespace pdgpu
