#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace proverdesk::testing {

struct TestCase {
  const char* name;
  std::function<void()> body;
};

std::vector<TestCase>& registry();
int& failureCount();

struct Registrar {
  Registrar(const char* name, std::function<void()> body) { registry().push_back({name, std::move(body)}); }
};

}  // namespace proverdesk::testing

#define PD_CONCAT2(a, b) a##b
#define PD_CONCAT(a, b) PD_CONCAT2(a, b)
#define TEST(name)                                                                             \
  static void name();                                                                          \
  static const ::proverdesk::testing::Registrar PD_CONCAT(registrar_, name)(#name, &name);     \
  static void name()

#define CHECK(cond)                                                                 \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::printf("  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);        \
      ++::proverdesk::testing::failureCount();                                      \
    }                                                                               \
  } while (0)

// Checks that `expr` throws an exception whose what() contains `fragment`.
#define CHECK_THROWS_WITH(expr, fragment)                                                         \
  do {                                                                                            \
    bool thrown_ = false;                                                                         \
    try {                                                                                         \
      (void)(expr);                                                                               \
    } catch (const std::exception& e_) {                                                          \
      thrown_ = true;                                                                             \
      if (std::string(e_.what()).find(fragment) == std::string::npos) {                           \
        std::printf("  %s:%d: wrong error: \"%s\" (wanted \"%s\")\n", __FILE__, __LINE__,         \
                    e_.what(), fragment);                                                         \
        ++::proverdesk::testing::failureCount();                                                  \
      }                                                                                           \
    }                                                                                             \
    if (!thrown_) {                                                                               \
      std::printf("  %s:%d: expected an error containing \"%s\"\n", __FILE__, __LINE__, fragment); \
      ++::proverdesk::testing::failureCount();                                                    \
    }                                                                                             \
  } while (0)
