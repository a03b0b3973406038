// 64×64→128-bit multiplication and carry/borrow chains without assuming a 128-bit integer type.
// GCC and Clang (x86-64, arm64) use unsigned __int128; MSVC uses _umul128 (x64) or __umulh (arm64); anything
// else, and builds with PROVERDESK_GENERIC_WIDE (so the generic code is tested here), use 32-bit halves.
#pragma once

#include <cstdint>
#include <type_traits>

#if defined(_MSC_VER) && !defined(__clang__) && !defined(PROVERDESK_GENERIC_WIDE)
#include <intrin.h>
#endif

namespace proverdesk {

#if (defined(__GNUC__) || defined(__clang__)) && defined(__SIZEOF_INT128__) && !defined(PROVERDESK_GENERIC_WIDE)
#define PROVERDESK_HAVE_INT128 1
#endif

// a·b = hi·2^64 + lo
[[gnu::always_inline]] inline constexpr uint64_t mulWide(uint64_t a, uint64_t b, uint64_t& hi) {
#if defined(PROVERDESK_HAVE_INT128)
  const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  hi = static_cast<uint64_t>(p >> 64);
  return static_cast<uint64_t>(p);
#else
#if defined(_MSC_VER) && !defined(__clang__) && !defined(PROVERDESK_GENERIC_WIDE)
  if (!std::is_constant_evaluated()) {
#if defined(_M_X64)
    return _umul128(a, b, &hi);
#elif defined(_M_ARM64)
    hi = __umulh(a, b);
    return a * b;
#endif
  }
#endif
  const uint64_t aLo = a & 0xffffffff, aHi = a >> 32, bLo = b & 0xffffffff, bHi = b >> 32;
  const uint64_t ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
  const uint64_t middle = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
  hi = hh + (lh >> 32) + (hl >> 32) + (middle >> 32);
  return (middle << 32) | (ll & 0xffffffff);
#endif
}

// a + b + carry (carry 0 or 1); carry becomes the carry out.
[[gnu::always_inline]] inline constexpr uint64_t addCarry(uint64_t a, uint64_t b, uint64_t& carry) {
  const uint64_t s = a + b;
  const uint64_t out = s + carry;
  carry = static_cast<uint64_t>(s < a) | static_cast<uint64_t>(out < s);
  return out;
}

// a − b − borrow (borrow 0 or 1); borrow becomes the borrow out.
[[gnu::always_inline]] inline constexpr uint64_t subBorrow(uint64_t a, uint64_t b, uint64_t& borrow) {
  const uint64_t d = a - b;
  const uint64_t out = d - borrow;
  borrow = static_cast<uint64_t>(a < b) | static_cast<uint64_t>(d < borrow);
  return out;
}

// acc + a·b + carry as (hi, lo): fits, since (2^64−1)² + 2·(2^64−1) < 2^128.
[[gnu::always_inline]] inline constexpr uint64_t mulAdd(uint64_t a, uint64_t b, uint64_t acc, uint64_t carry, uint64_t& hi) {
  uint64_t lo = mulWide(a, b, hi);
  uint64_t c = 0;
  lo = addCarry(lo, acc, c);
  hi += c;
  c = 0;
  lo = addCarry(lo, carry, c);
  hi += c;
  return lo;
}

}  // namespace proverdesk
