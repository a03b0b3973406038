#include "setup/r1cs_file.hpp"

#include <string>

#include "engine_error.hpp"
#include "field/bn254.hpp"
#include "groth16/byte_reader.hpp"

namespace proverdesk {

namespace {

constexpr uint32_t kHeaderSection = 1;
constexpr uint32_t kConstraintsSection = 2;
constexpr uint32_t kCustomGatesSection = 4;  // PLONK custom gates: Groth16 cannot use them
constexpr uint32_t kFieldBytes = 32;

}  // namespace

R1csFile::R1csFile(std::span<const uint8_t> bytes) : file_(bytes, "r1cs", "constraint system (.r1cs)") {
  if (file_.version() != 1) throw EngineError("constraint system (.r1cs) has version " + std::to_string(file_.version()) + "; only version 1 is supported");
  ByteReader r(file_.section(kHeaderSection), "constraint system (.r1cs) header");
  const uint32_t n8 = r.u32();
  if (n8 != kFieldBytes || !(r.u256() == Fr::modulus())) {
    throw EngineError("constraint system (.r1cs) is not over the BN254 (bn128) scalar field; compile the circuit with circom's default prime");
  }
  header_.nWires = r.u32();
  header_.nOutputs = r.u32();
  header_.nPubInputs = r.u32();
  header_.nPrvInputs = r.u32();
  r.u64();  // labels
  header_.nConstraints = r.u32();
  if (header_.nWires == 0 || uint64_t{header_.nPublic()} >= header_.nWires) {
    throw EngineError("constraint system (.r1cs) is corrupted: " + std::to_string(header_.nPublic()) + " public signals among " +
                      std::to_string(header_.nWires) + " wires");
  }
  if (file_.has(kCustomGatesSection)) throw EngineError("constraint system (.r1cs) uses PLONK custom gates, which Groth16 cannot use");
}

void R1csFile::forEachTerm(const std::function<void(uint32_t, R1csMatrix, uint32_t, const U256&)>& visit) const {
  ByteReader r(file_.section(kConstraintsSection), "constraint system (.r1cs) constraints section");
  for (uint32_t c = 0; c < header_.nConstraints; ++c) {
    for (const R1csMatrix matrix : {R1csMatrix::A, R1csMatrix::B, R1csMatrix::C}) {
      const uint32_t terms = r.u32();
      for (uint32_t t = 0; t < terms; ++t) {
        const uint32_t wire = r.u32();
        const U256 coef = r.u256();
        if (wire >= header_.nWires) {
          throw EngineError("constraint system (.r1cs) is corrupted: constraint " + std::to_string(c) + " uses wire " +
                            std::to_string(wire) + " of " + std::to_string(header_.nWires));
        }
        if (!(coef < Fr::modulus())) {
          throw EngineError("constraint system (.r1cs) is corrupted: a coefficient of constraint " + std::to_string(c) + " is not a field element");
        }
        visit(c, matrix, wire, coef);
      }
    }
  }
  if (r.remaining() != 0) throw EngineError("constraint system (.r1cs) is corrupted: the constraints section is longer than its constraints");
}

}  // namespace proverdesk
