// A parsed snarkjs Groth16 proving key (.zkey) for BN254: immutable after loading, shareable across proofs.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "curve/bn254_curves.hpp"
#include "msm/huge_page_allocator.hpp"

namespace proverdesk {

// One non-zero entry of the A or B matrix of the QAP.
struct QapCoefficient {
  static constexpr uint32_t kMatrixB = 0x80000000u;
  uint32_t constraintAndMatrix;  // constraint index, with kMatrixB set for B
  uint32_t signal;
  // The zkey stores coef·R² (R = 2^256 mod r). Read as a Montgomery-form element, a Montgomery product
  // with a canonical witness value w yields the Montgomery form of coef·w, with no conversion pass.
  Fr value;
};

// A number no other key loaded in this process has: caches of data derived from a key (its points in GPU memory)
// are keyed by it, never by an address a later key may reuse.
uint64_t newProvingKeyId();

class ProvingKey {
 public:
  uint64_t id = newProvingKeyId();
  uint32_t nVars = 0;
  uint32_t nPublic = 0;
  uint32_t domainSize = 0;
  unsigned log2Domain = 0;

  G1Affine alpha1, beta1, delta1;
  G2Affine beta2, gamma2, delta2;

  HugePageVector<G1Affine> ic;  // nPublic + 1
  HugePageVector<G1Affine> a;   // nVars
  HugePageVector<G1Affine> b1;  // nVars
  HugePageVector<G2Affine> b2;  // nVars
  HugePageVector<G1Affine> c;   // nVars - nPublic - 1
  HugePageVector<G1Affine> h;   // domainSize

  // Coefficients grouped by constraint range: group k holds constraints
  // [k·domainSize/groups, (k+1)·domainSize/groups) and spans coefficients [groupStart[k], groupStart[k+1]).
  HugePageVector<QapCoefficient> coefficients;
  std::vector<size_t> groupStart;

  size_t groups() const { return groupStart.empty() ? 0 : groupStart.size() - 1; }
  size_t sizeBytes() const;
};

// Parses and validates a zkey on up to `threads` threads; throws EngineError with a message naming the problem.
std::shared_ptr<const ProvingKey> parseProvingKey(std::span<const uint8_t> zkeyBytes, unsigned threads = 1);

}  // namespace proverdesk
