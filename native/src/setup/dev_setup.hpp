// INSECURE, test-only Groth16 setup: a snarkjs-compatible proving key for a circom .r1cs made directly from
// random secrets (τ, α, β, γ, δ) that this process knows, with no powers-of-tau ceremony. Anyone who keeps
// those secrets can forge proofs; the keys are for benchmarks and tests, never for anything of value.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <span>
#include <string>

#include "engine.hpp"
#include "field/bn254.hpp"

namespace proverdesk {

// Written as the name of the key's one contribution (snarkjs shows it in `zkey verify` and `export json`).
inline constexpr const char* kDevSetupContributionName = "INSECURE dev-setup: test only, its secret was not destroyed";

struct DevSetupSecrets {
  Fr tau, alpha, beta, gamma, delta;
  static DevSetupSecrets random();  // from the OS CSPRNG
};

struct DevSetupOptions {
  unsigned threads = 1;             // hard limit on threads working at once, the caller's included
  ProveControl* control = nullptr;  // optional: cancel, pause and resume
  // Optional. `stage` is a static string ("read-r1cs", "lagrange", "points-ic", "points-h", "points-c",
  // "points-a", "points-b1", "points-b2"); called one at a time.
  std::function<void(const char* stage, double fraction)> onProgress;
};

struct DevSetupSummary {
  uint32_t nVars = 0;
  uint32_t nPublic = 0;
  uint32_t nConstraints = 0;
  uint32_t domainSize = 0;
};

// Reads the .r1cs at r1csPath and writes the key to zkeyPath (through a temporary file in the same folder,
// renamed into place only when complete). Throws EngineError on bad input, Cancelled, or std::bad_alloc.
DevSetupSummary devSetup(const std::string& r1csPath, const std::string& zkeyPath, const DevSetupOptions& options);

// The same with given secrets, writing the key to `out`; for tests.
DevSetupSummary writeDevSetupKey(std::span<const uint8_t> r1csBytes, std::ostream& out, const DevSetupSecrets& secrets,
                                 const DevSetupOptions& options);

}  // namespace proverdesk
