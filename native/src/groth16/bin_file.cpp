#include "groth16/bin_file.hpp"

#include "engine_error.hpp"
#include "groth16/byte_reader.hpp"

namespace proverdesk {

BinFile::BinFile(std::span<const uint8_t> bytes, std::string_view magic, std::string what) : what_(std::move(what)) {
  ByteReader reader(bytes, what_);
  if (bytes.size() < magic.size() || std::string_view(reinterpret_cast<const char*>(bytes.data()), magic.size()) != magic) {
    throw EngineError("this is not a " + what_ + " file: it does not start with \"" + std::string(magic) + "\"");
  }
  reader.take(magic.size());
  version_ = reader.u32();
  const uint32_t count = reader.u32();
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t type = reader.u32();
    const uint64_t size = reader.u64();
    if (size > reader.remaining()) {
      throw EngineError(what_ + " is truncated: section " + std::to_string(type) + " needs " + std::to_string(size) +
                        " bytes, " + std::to_string(reader.remaining()) + " are left");
    }
    sections_.emplace(type, reader.take(static_cast<size_t>(size)));
  }
}

std::span<const uint8_t> BinFile::section(uint32_t type) const {
  const auto count = sections_.count(type);
  if (count == 0) throw EngineError(what_ + " has no section " + std::to_string(type) + " (truncated or not the expected kind of file)");
  if (count > 1) throw EngineError(what_ + " has section " + std::to_string(type) + " more than once");
  return sections_.find(type)->second;
}

}  // namespace proverdesk
