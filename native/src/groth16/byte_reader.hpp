// Bounds-checked little-endian reads from a byte span; running past the end is reported as a truncated file.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine_error.hpp"
#include "field/uint256.hpp"

namespace proverdesk {

class ByteReader {
 public:
  ByteReader(std::span<const uint8_t> bytes, std::string what) : bytes_(bytes), what_(std::move(what)) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return bytes_.size() - pos_; }

  std::span<const uint8_t> take(size_t n) {
    if (n > remaining()) throw EngineError(what_ + " is truncated");
    const auto out = bytes_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  uint32_t u32() { return static_cast<uint32_t>(littleEndian(take(4))); }
  uint64_t u64() { return littleEndian(take(8)); }
  U256 u256() { return U256::fromBytesLE(take(32)); }

 private:
  static uint64_t littleEndian(std::span<const uint8_t> b) {
    uint64_t v = 0;
    for (size_t i = b.size(); i-- > 0;) v = (v << 8) | b[i];
    return v;
  }

  std::span<const uint8_t> bytes_;
  std::string what_;
  size_t pos_ = 0;
};

}  // namespace proverdesk
