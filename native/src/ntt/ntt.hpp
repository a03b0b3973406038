// Radix-2 number-theoretic transform over BN254 Fr on a 2^k domain, in natural order, with the same
// roots of unity as ffjavascript (5^((r-1)/2^28) squared down), so results match snarkjs point by point.
#pragma once

#include <span>
#include <vector>

#include "field/bn254.hpp"
#include "parallel/worker_pool.hpp"

namespace proverdesk {

// A primitive 2^log2Order-th root of unity (log2Order ≤ 28).
Fr rootOfUnity(unsigned log2Order);

// The shift of the odd coset on which snarkjs evaluates H for a 2^log2Size domain: a primitive 2^(log2Size+1)-th
// root of unity, or, for the largest domain (no such root), the square of the non-residue, as snarkjs uses.
Fr oddCosetShift(unsigned log2Size);

class NttDomain {
 public:
  explicit NttDomain(unsigned log2Size);

  size_t size() const { return size_t{1} << log2Size_; }
  unsigned log2Size() const { return log2Size_; }

  // values[i] ← sum_j values[j] · w^(i·j)
  void forward(std::span<Fr> values, WorkerPool& pool) const;
  // The inverse of forward (includes the 1/n factor).
  void inverse(std::span<Fr> values, WorkerPool& pool) const;
  // Inverse transform without the 1/n factor, for callers that fold it into a later pass.
  void inverseUnscaled(std::span<Fr> values, WorkerPool& pool) const;

  const Fr& sizeInverse() const { return sizeInverse_; }
  size_t memoryBytes() const { return (forwardTwiddles_.size() + inverseTwiddles_.size()) * sizeof(Fr); }

 private:
  void transform(std::span<Fr> values, const std::vector<Fr>& twiddles, WorkerPool& pool) const;

  unsigned log2Size_;
  std::vector<Fr> forwardTwiddles_;  // w^i for i < n/2
  std::vector<Fr> inverseTwiddles_;  // w^-i for i < n/2
  Fr sizeInverse_;
};

// values[i] ← values[i] · factor · step^i, in parallel (the coset shift of snarkjs's batchApplyKey).
void scaleByPowers(std::span<Fr> values, const Fr& factor, const Fr& step, WorkerPool& pool);

}  // namespace proverdesk
