// A read-only view of a whole file: memory-mapped on POSIX systems, read into memory elsewhere.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace proverdesk {

class MappedFile {
 public:
  // `what` names the file in errors ("proving key", "witness").
  MappedFile(const std::string& path, const char* what);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const uint8_t> bytes() const { return bytes_; }

 private:
  std::span<const uint8_t> bytes_;
  void* mapping_ = nullptr;
  size_t mappedSize_ = 0;
  std::vector<uint8_t> copy_;  // used when mapping is not available
};

}  // namespace proverdesk
