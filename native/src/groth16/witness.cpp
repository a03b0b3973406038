#include "groth16/witness.hpp"

#include <string>

#include "engine_error.hpp"
#include "field/bn254.hpp"
#include "groth16/bin_file.hpp"
#include "groth16/byte_reader.hpp"

namespace proverdesk {

std::vector<U256> parseWitness(std::span<const uint8_t> wtnsBytes, uint32_t expectedValues) {
  const BinFile file(wtnsBytes, "wtns", "witness");
  ByteReader header(file.section(1), "witness header");
  const uint32_t n8 = header.u32();
  if (n8 != 32 || !(header.u256() == Fr::modulus())) throw EngineError("witness is not for the BN254 (bn128) scalar field");
  const uint32_t count = header.u32();
  if (count != expectedValues) {
    throw EngineError("witness is for another circuit: it has " + std::to_string(count) + " values, the key expects " + std::to_string(expectedValues));
  }
  const auto data = file.section(2);
  if (data.size() != size_t{count} * 32) throw EngineError("witness is truncated: " + std::to_string(data.size()) + " bytes of values for " + std::to_string(count) + " values");
  ByteReader r(data, "witness");
  std::vector<U256> values(count);
  for (uint32_t i = 0; i < count; ++i) {
    values[i] = r.u256();
    if (!(values[i] < Fr::modulus())) throw EngineError("witness is corrupted: value " + std::to_string(i) + " is not a field element");
  }
  if (!(values[0] == U256{{1, 0, 0, 0}})) throw EngineError("witness is corrupted: its first value (the constant signal) is not 1");
  return values;
}

}  // namespace proverdesk
