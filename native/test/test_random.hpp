// Deterministic pseudo-random values for tests (reproducible failures).
#pragma once

#include <random>

#include "field/bn254.hpp"

namespace proverdesk::testing {

inline U256 randomBelow(std::mt19937_64& rng, const U256& bound) {
  for (;;) {
    U256 v{{rng(), rng(), rng(), rng() >> 2}};
    if (v < bound) return v;
  }
}

template <class F>
F randomElement(std::mt19937_64& rng) {
  return F::fromCanonical(randomBelow(rng, F::modulus()));
}

}  // namespace proverdesk::testing
