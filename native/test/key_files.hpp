// Writers of small synthetic .zkey and .wtns files (snarkjs layout) for parser and engine tests.
// The key is structurally valid with real curve points, but it is not a trusted setup: proofs made with it
// are not meant to verify. End-to-end validity is checked against snarkjs outside the unit tests.
#pragma once

#include <cstdint>
#include <vector>

#include "curve/bn254_curves.hpp"

namespace proverdesk::testing {

struct SyntheticKey {
  uint32_t nVars = 4;      // 1, out (public), x, y
  uint32_t nPublic = 1;
  uint32_t domainSize = 4;
  uint32_t protocol = 1;
  U256 q = Fq::modulus();
  U256 r = Fr::modulus();
  struct Coef { uint32_t matrix, constraint, signal; U256 value; };
  // x·y = out, then the public-input constraints snarkjs appends.
  std::vector<Coef> coefs{{0, 0, 2, U256{{1, 0, 0, 0}}}, {1, 0, 3, U256{{1, 0, 0, 0}}}, {0, 1, 0, U256{{1, 0, 0, 0}}}, {0, 2, 1, U256{{1, 0, 0, 0}}}};
  int hPointsMissing = 0;   // write fewer H points than the domain needs
  bool offCurvePointInA = false;
};

std::vector<uint8_t> buildZkey(const SyntheticKey& spec);
std::vector<uint8_t> buildWtns(const std::vector<U256>& values, const U256& prime = Fr::modulus());

}  // namespace proverdesk::testing
