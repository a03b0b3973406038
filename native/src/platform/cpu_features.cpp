#include "platform/cpu_features.hpp"

#include <cstdlib>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace proverdesk {

bool cpuHasBmi2Adx() {
  static const bool value = [] {
    // PROVERDESK_PORTABLE=1 forces the portable arithmetic (for testing both paths on one machine).
    if (const char* env = std::getenv("PROVERDESK_PORTABLE"); env && env[0] == '1') return false;
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

}  // namespace proverdesk
