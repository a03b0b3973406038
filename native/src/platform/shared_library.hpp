// A shared library loaded at run time (dlopen / LoadLibrary), closed with its owner.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace proverdesk {

class SharedLibrary {
 public:
  // The library at `path` (or found by the platform's search when it is a bare name); nullopt with the loader's
  // reason in `why` when it cannot be loaded.
  static std::optional<SharedLibrary> open(const std::string& path, std::string* why = nullptr);

  template <typename Function>
  Function find(const char* name) const {
    return reinterpret_cast<Function>(symbol(name));
  }

 private:
  struct Closer {
    void operator()(void* handle) const;
  };
  explicit SharedLibrary(void* handle) : handle_(handle) {}
  void* symbol(const char* name) const;

  std::unique_ptr<void, Closer> handle_;
};

}  // namespace proverdesk
