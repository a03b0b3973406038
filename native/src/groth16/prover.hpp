// The Groth16 prover as snarkjs computes it: QAP evaluations, H on the odd coset, five MSMs, r/s blinding.
#pragma once

#include <span>

#include "curve/bn254_curves.hpp"
#include "groth16/proof_run.hpp"
#include "groth16/proving_key.hpp"
#include "parallel/worker_pool.hpp"

namespace proverdesk {

struct Groth16Proof {
  G1 piA;
  G2 piB;
  G1 piC;
};

Groth16Proof computeProof(const ProvingKey& key, std::span<const U256> witness, WorkerPool& pool, ProofRun& run);

// Working memory (bytes, beyond key and witness) that computeProof needs at its peak with `threads` threads.
size_t proverWorkingBytes(const ProvingKey& key, unsigned threads);

}  // namespace proverdesk
