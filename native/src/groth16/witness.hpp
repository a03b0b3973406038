// A circom witness (.wtns): the full assignment of signals, canonical integers below r.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "field/uint256.hpp"

namespace proverdesk {

// Parses and validates a wtns file for a key with `expectedValues` variables.
std::vector<U256> parseWitness(std::span<const uint8_t> wtnsBytes, uint32_t expectedValues);

}  // namespace proverdesk
