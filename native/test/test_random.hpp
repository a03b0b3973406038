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

// MSM scalars that take every path: 0, 1, r − 1, small ones, and random ones, in turn by i.
inline U256 edgeCaseScalar(size_t i, std::mt19937_64& rng) {
  switch (i % 6) {
    case 0: return U256{};
    case 1: return U256{{1, 0, 0, 0}};
    case 2: {
      U256 rMinusOne;
      subWithBorrow(rMinusOne, Fr::modulus(), U256{{1, 0, 0, 0}});
      return rMinusOne;
    }
    case 3: return U256{{rng() % 1000, 0, 0, 0}};
    default: return randomBelow(rng, Fr::modulus());
  }
}

template <class F>
F randomElement(std::mt19937_64& rng) {
  return F::fromCanonical(randomBelow(rng, F::modulus()));
}

}  // namespace proverdesk::testing
