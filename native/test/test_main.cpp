// Tiny test runner: tests register themselves with TEST(name); a failed CHECK records and continues.
#include <cstdio>
#include <exception>

#include "test_support.hpp"

namespace proverdesk::testing {

std::vector<TestCase>& registry() {
  static std::vector<TestCase> tests;
  return tests;
}

int& failureCount() {
  static int count = 0;
  return count;
}

}  // namespace proverdesk::testing

int main(int argc, char** argv) {
  using namespace proverdesk::testing;
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int run = 0;
  for (const auto& test : registry()) {
    if (filter && std::string(test.name).find(filter) == std::string::npos) continue;
    const int before = failureCount();
    try {
      test.body();
    } catch (const std::exception& e) {
      std::printf("  unexpected exception: %s\n", e.what());
      ++failureCount();
    }
    std::printf("%s %s\n", failureCount() == before ? "ok  " : "FAIL", test.name);
    ++run;
  }
  std::printf("%d tests, %d failed checks\n", run, failureCount());
  return failureCount() == 0 && run > 0 ? 0 : 1;
}
