// A circom constraint system (.r1cs, iden3 binary format, version 1) over BN254's scalar field:
// header section 1 (field, wire and constraint counts), constraints section 2 (for each constraint the
// linear combinations A, B and C as lists of (wire, coefficient)).
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "field/uint256.hpp"
#include "groth16/bin_file.hpp"

namespace proverdesk {

struct R1csHeader {
  uint32_t nWires = 0;      // all signals, the constant 1 included ("nVars" in a zkey)
  uint32_t nOutputs = 0;
  uint32_t nPubInputs = 0;
  uint32_t nPrvInputs = 0;
  uint32_t nConstraints = 0;
  uint32_t nPublic() const { return nOutputs + nPubInputs; }
};

enum class R1csMatrix : uint8_t { A = 0, B = 1, C = 2 };

class R1csFile {
 public:
  // Checks the container and header; throws EngineError naming what is wrong. Keeps a view of `bytes`.
  explicit R1csFile(std::span<const uint8_t> bytes);

  const R1csHeader& header() const { return header_; }

  // Calls visit for every term of every constraint, in file order (constraint by constraint, A then B then C),
  // with the coefficient as a canonical integer below the field modulus. Throws EngineError on malformed data.
  void forEachTerm(const std::function<void(uint32_t constraint, R1csMatrix matrix, uint32_t wire, const U256& coef)>& visit) const;

 private:
  BinFile file_;
  R1csHeader header_;
};

}  // namespace proverdesk
