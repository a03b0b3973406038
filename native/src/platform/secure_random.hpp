// Bytes from the operating system's CSPRNG (getrandom, arc4random_buf or BCryptGenRandom).
#pragma once

#include <cstdint>
#include <span>

namespace proverdesk {

void secureRandomBytes(std::span<uint8_t> out);

}  // namespace proverdesk
