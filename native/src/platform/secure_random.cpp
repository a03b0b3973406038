#include "platform/secure_random.hpp"

#include <cerrno>
#include <cstring>
#include <string>

#include "engine_error.hpp"

#if defined(_WIN32)
#include <windows.h>
#include <bcrypt.h>
#elif defined(__linux__)
#include <sys/random.h>
#else
#include <stdlib.h>
#endif

namespace proverdesk {

void secureRandomBytes(std::span<uint8_t> out) {
#if defined(_WIN32)
  if (BCryptGenRandom(nullptr, out.data(), static_cast<ULONG>(out.size()), BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
    throw EngineError("the system random number generator failed");
  }
#elif defined(__linux__)
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw EngineError(std::string("the system random number generator failed: ") + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
#else
  arc4random_buf(out.data(), out.size());
#endif
}

}  // namespace proverdesk
