// The steps the CPU and GPU provers share: the QAP evaluations, a timed CPU MSM, and the blinding that turns the
// five MSMs into a proof.
#pragma once

#include <span>

#include "groth16/proof_run.hpp"
#include "groth16/prover.hpp"
#include "msm/huge_page_allocator.hpp"
#include "msm/pippenger.hpp"

namespace proverdesk {

// Evaluations of A·w and B·w on the domain (Montgomery form), and C = A∘B pointwise, as snarkjs's buildABC.
void buildAbc(const ProvingKey& key, std::span<const U256> witness, HugePageVector<Fr>& a, HugePageVector<Fr>& b,
              HugePageVector<Fr>& c, WorkerPool& pool, ProofRun& run);

struct ProofMsms {
  G1 a, b1, c, h;
  G2 b2;
};

// π = (A, B, C) from the MSMs, with r and s drawn fresh unless `fixed` gives them.
Groth16Proof blindProof(const ProvingKey& key, const ProofMsms& msms, ProofRun& run, const Blinding* fixed);

template <class Curve>
Jacobian<Curve> timedMsm(Phase phase, std::span<const Affine<typename Curve::Field>> bases, std::span<const U256> scalars,
                         WorkerPool& pool, ProofRun& run) {
  run.begin(phase);
  const size_t buckets = msmWorkingBytes<Curve>(scalars.size(), pool.threads());
  run.allocate(buckets);
  auto result = multiScalarMul<Curve>(bases, scalars, pool, [&](double f) { run.progress(f); });
  run.release(buckets);
  return result;
}

}  // namespace proverdesk
