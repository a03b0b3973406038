#include "groth16/random_scalar.hpp"

#include <array>

#include "platform/secure_random.hpp"

namespace proverdesk {

Fr randomScalar() {
  for (;;) {
    std::array<uint8_t, 32> bytes{};
    secureRandomBytes(bytes);
    bytes[31] &= 0x3f;  // r < 2^254: keeps the rejection rate below 1/4
    const U256 v = U256::fromBytesLE(bytes);
    if (v < Fr::modulus()) return Fr::fromCanonical(v);
  }
}

}  // namespace proverdesk
