// Writes a snarkjs .zkey container section by section: the iden3 binary header, then (u32 type, u64 size,
// bytes) per section. Field elements and points go out in snarkjs's "LEM" form: Montgomery, little-endian.
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <vector>

#include "curve/bn254_curves.hpp"

namespace proverdesk {

class ZkeyWriter {
 public:
  ZkeyWriter(std::ostream& out, uint32_t sectionCount);
  void section(uint32_t type, std::span<const uint8_t> bytes);

 private:
  std::ostream& out_;
};

// Appenders for building a section's bytes.
void appendU32(std::vector<uint8_t>& out, uint32_t v);
void appendU256(std::vector<uint8_t>& out, const U256& v);
void appendG1(std::vector<uint8_t>& out, const G1Affine& p);
void appendG2(std::vector<uint8_t>& out, const G2Affine& p);
std::vector<uint8_t> g1Section(std::span<const G1Affine> points);
std::vector<uint8_t> g2Section(std::span<const G2Affine> points);

}  // namespace proverdesk
