#include "platform/shared_library.hpp"

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

namespace proverdesk {

#ifdef _WIN32

std::optional<SharedLibrary> SharedLibrary::open(const std::string& path, std::string* why) {
  HMODULE handle = LoadLibraryA(path.c_str());
  if (handle == nullptr) {
    if (why != nullptr) *why = "Windows error " + std::to_string(GetLastError());
    return std::nullopt;
  }
  return SharedLibrary(reinterpret_cast<void*>(handle));
}

void SharedLibrary::Closer::operator()(void* handle) const { FreeLibrary(static_cast<HMODULE>(handle)); }

void* SharedLibrary::symbol(const char* name) const {
  return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(handle_.get()), name));
}

#else

std::optional<SharedLibrary> SharedLibrary::open(const std::string& path, std::string* why) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    if (why != nullptr) {
      const char* text = dlerror();
      *why = text != nullptr ? text : "unknown loader error";
    }
    return std::nullopt;
  }
  return SharedLibrary(handle);
}

void SharedLibrary::Closer::operator()(void* handle) const { dlclose(handle); }

void* SharedLibrary::symbol(const char* name) const { return dlsym(handle_.get(), name); }

#endif

}  // namespace proverdesk
