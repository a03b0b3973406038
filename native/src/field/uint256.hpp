// 256-bit unsigned integers as four little-endian 64-bit limbs.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "field/wide_arithmetic.hpp"

namespace proverdesk {

struct U256 {
  std::array<uint64_t, 4> limb{};

  friend constexpr bool operator==(const U256& a, const U256& b) {
    return ((a.limb[0] ^ b.limb[0]) | (a.limb[1] ^ b.limb[1]) | (a.limb[2] ^ b.limb[2]) | (a.limb[3] ^ b.limb[3])) == 0;
  }

  constexpr bool isZero() const { return (limb[0] | limb[1] | limb[2] | limb[3]) == 0; }
  constexpr bool bit(unsigned i) const { return i < 256 && ((limb[i / 64] >> (i % 64)) & 1) != 0; }
  unsigned bitLength() const;

  // Throws std::invalid_argument on anything but a plain decimal number below 2^256.
  static U256 fromDecimal(std::string_view text);
  std::string toDecimal() const;

  // Exactly 32 bytes, little-endian.
  static U256 fromBytesLE(std::span<const uint8_t> bytes);
  void toBytesLE(std::span<uint8_t> out) const;
};

constexpr int compare(const U256& a, const U256& b) {
  for (int i = 3; i >= 0; --i) {
    if (a.limb[i] != b.limb[i]) return a.limb[i] < b.limb[i] ? -1 : 1;
  }
  return 0;
}
constexpr bool operator<(const U256& a, const U256& b) { return compare(a, b) < 0; }

// a + b, returning the carry out.
constexpr uint64_t addWithCarry(U256& out, const U256& a, const U256& b) {
  uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) out.limb[i] = addCarry(a.limb[i], b.limb[i], carry);
  return carry;
}

// a - b, returning the borrow out.
constexpr uint64_t subWithBorrow(U256& out, const U256& a, const U256& b) {
  uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) out.limb[i] = subBorrow(a.limb[i], b.limb[i], borrow);
  return borrow;
}

}  // namespace proverdesk
