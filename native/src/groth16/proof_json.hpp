// Proof and public-signal JSON exactly as `snarkjs groth16 prove` writes them (JSON.stringify(x, null, 1)).
#pragma once

#include <span>
#include <string>

#include "curve/bn254_curves.hpp"

namespace proverdesk {

std::string proofJson(const G1& piA, const G2& piB, const G1& piC);
std::string publicSignalsJson(std::span<const U256> signals);

}  // namespace proverdesk
