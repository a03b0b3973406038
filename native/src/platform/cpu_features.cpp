#include "platform/cpu_features.hpp"

#include <cstdlib>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace proverdesk {

namespace {

bool envFlag(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] == '1';
}

}  // namespace

bool cpuHasBmi2Adx() {
  static const bool value = [] {
    // PROVERDESK_PORTABLE=1 forces the portable arithmetic (for testing both paths on one machine).
    if (envFlag("PROVERDESK_PORTABLE")) return false;
#if defined(__x86_64__)
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return (b & (1u << 8)) != 0 && (b & (1u << 19)) != 0;
#else
    return false;
#endif
  }();
  return value;
}

bool cpuHasAvx512Ifma() {
  static const bool value = [] {
    if (envFlag("PROVERDESK_PORTABLE") || envFlag("PROVERDESK_NO_IFMA")) return false;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || (c & (1u << 27)) == 0) return false;  // OSXSAVE
    unsigned xcr0Low = 0, xcr0High = 0;
    asm volatile("xgetbv" : "=a"(xcr0Low), "=d"(xcr0High) : "c"(0));
    constexpr unsigned kZmmState = 0xE6;  // SSE, AVX, opmask, upper ZMM and high ZMM state saved by the OS
    if ((xcr0Low & kZmmState) != kZmmState) return false;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    constexpr unsigned kF = 1u << 16, kDq = 1u << 17, kIfma = 1u << 21, kVl = 1u << 31;
    return (b & (kF | kDq | kIfma | kVl)) == (kF | kDq | kIfma | kVl);
#else
    return false;
#endif
  }();
  return value;
}

}  // namespace proverdesk
