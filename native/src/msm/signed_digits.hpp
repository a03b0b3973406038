// Booth-style signed window digits of a scalar: digit w is read from bits [w·c − 1, (w+1)·c − 1] alone,
// so windows can be processed independently and in parallel, with no precomputed digit table.
// Digits lie in [−2^(c−1), 2^(c−1)] and sum_w digit_w · 2^(w·c) = scalar whenever bit (windows·c − 1) is zero.
#pragma once

#include <cstdint>

#include "field/uint256.hpp"

namespace proverdesk {

// `count` (≤ 63) bits of `s` starting at bit `start` (bits past 255 read as zero).
inline uint64_t bitsAt(const U256& s, unsigned start, unsigned count) {
  const unsigned limb = start / 64;
  const unsigned shift = start % 64;
  if (limb >= 4) return 0;
  uint64_t v = s.limb[limb] >> shift;
  if (shift != 0 && limb + 1 < 4) v |= s.limb[limb + 1] << (64 - shift);
  return v & ((uint64_t{1} << count) - 1);
}

inline int64_t signedDigit(const U256& s, unsigned window, unsigned c) {
  // c + 1 bits: the previous window's top bit, then this window's c bits.
  const uint64_t raw = window == 0 ? bitsAt(s, 0, c) << 1 : bitsAt(s, window * c - 1, c + 1);
  const int64_t value = static_cast<int64_t>(raw >> 1) + static_cast<int64_t>(raw & 1);
  const bool top = ((raw >> c) & 1) != 0;
  return top ? value - (int64_t{1} << c) : value;
}

}  // namespace proverdesk
