#include "field/uint256.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace proverdesk {

unsigned U256::bitLength() const {
  for (int i = 3; i >= 0; --i) {
    if (limb[i] != 0) return static_cast<unsigned>(i * 64 + 64 - std::countl_zero(limb[i]));
  }
  return 0;
}

U256 U256::fromDecimal(std::string_view text) {
  if (text.empty()) throw std::invalid_argument("empty decimal number");
  U256 value;
  for (const char ch : text) {
    if (ch < '0' || ch > '9') throw std::invalid_argument("not a decimal number: " + std::string(text));
    uint64_t carry = static_cast<uint64_t>(ch - '0');
    for (auto& l : value.limb) l = mulAdd(l, 10, 0, carry, carry);
    if (carry != 0) throw std::invalid_argument("decimal number does not fit in 256 bits");
  }
  return value;
}

std::string U256::toDecimal() const {
  if (isZero()) return "0";
  U256 v = *this;
  std::string digits;
  while (!v.isZero()) {
    // Long division by 10 in 32-bit steps: rem < 10, so rem·2^32 + half fits in 64 bits.
    uint64_t rem = 0;
    for (int i = 3; i >= 0; --i) {
      uint64_t quotient = 0;
      for (const unsigned shift : {32u, 0u}) {
        const uint64_t cur = (rem << 32) | ((v.limb[i] >> shift) & 0xffffffff);
        quotient |= (cur / 10) << shift;
        rem = cur % 10;
      }
      v.limb[i] = quotient;
    }
    digits.push_back(static_cast<char>('0' + rem));
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

U256 U256::fromBytesLE(std::span<const uint8_t> bytes) {
  if (bytes.size() != 32) throw std::invalid_argument("a 256-bit integer needs 32 bytes");
  U256 v;
  for (size_t l = 0; l < 4; ++l) {
    uint64_t word = 0;
    for (size_t b = 8; b-- > 0;) word = (word << 8) | bytes[l * 8 + b];  // compiles to one load on little-endian
    v.limb[l] = word;
  }
  return v;
}

void U256::toBytesLE(std::span<uint8_t> out) const {
  if (out.size() != 32) throw std::invalid_argument("a 256-bit integer needs 32 bytes");
  for (size_t i = 0; i < 32; ++i) out[i] = static_cast<uint8_t>(limb[i / 8] >> (8 * (i % 8)));
}

}  // namespace proverdesk
