// The iden3 binary container shared by .zkey, .wtns and .r1cs files (see iden3/binfileutils):
// 4-byte magic, u32 version, u32 section count, then sections of (u32 type, u64 size, bytes).
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>

namespace proverdesk {

class BinFile {
 public:
  // `what` names the file in errors ("proving key", "witness").
  BinFile(std::span<const uint8_t> bytes, std::string_view magic, std::string what);

  uint32_t version() const { return version_; }
  bool has(uint32_t type) const { return sections_.count(type) != 0; }
  // The one section of this type; a missing or repeated section is an error.
  std::span<const uint8_t> section(uint32_t type) const;
  const std::string& what() const { return what_; }

 private:
  std::string what_;
  uint32_t version_ = 0;
  std::multimap<uint32_t, std::span<const uint8_t>> sections_;
};

}  // namespace proverdesk
