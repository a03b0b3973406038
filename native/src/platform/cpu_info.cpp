// cpuInfo(): model name, logical core count and the SIMD/bignum extensions the engine can use.
#include <algorithm>
#include <string>
#include <thread>

#include "engine.hpp"

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
#endif

namespace proverdesk {

namespace {

#if defined(__x86_64__)
std::string x86Model() {
  unsigned regs[12] = {};
  unsigned maxExt = __get_cpuid_max(0x80000000, nullptr);
  if (maxExt < 0x80000004) return "x86-64";
  for (unsigned i = 0; i < 3; ++i) __get_cpuid(0x80000002 + i, &regs[4 * i], &regs[4 * i + 1], &regs[4 * i + 2], &regs[4 * i + 3]);
  std::string model(reinterpret_cast<const char*>(regs), sizeof(regs));
  model = model.substr(0, model.find('\0'));
  const auto first = model.find_first_not_of(' ');
  const auto last = model.find_last_not_of(' ');
  return first == std::string::npos ? "x86-64" : model.substr(first, last - first + 1);
}

std::vector<std::string> x86Simd() {
  std::vector<std::string> out;
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return out;
  if (b & (1u << 8)) out.emplace_back("bmi2");
  if (b & (1u << 19)) out.emplace_back("adx");
  if (b & (1u << 5)) out.emplace_back("avx2");
  if (b & (1u << 16)) out.emplace_back("avx512f");
  if (b & (1u << 21)) out.emplace_back("avx512ifma");
  return out;
}
#endif

}  // namespace

CpuInfo cpuInfo() {
  CpuInfo info;
  info.cores = std::max(1u, std::thread::hardware_concurrency());
#if defined(__x86_64__)
  info.model = x86Model();
  info.simd = x86Simd();
#elif defined(__aarch64__)
  info.model = "arm64";
  info.simd = {"neon"};
#else
  info.model = "unknown";
#endif
  return info;
}

}  // namespace proverdesk
