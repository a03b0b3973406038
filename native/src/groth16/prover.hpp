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

// The proof's blinding scalars; fixed only by tests, to compare provers on equal terms.
struct Blinding {
  Fr r;
  Fr s;
};

Groth16Proof computeProof(const ProvingKey& key, std::span<const U256> witness, WorkerPool& pool, ProofRun& run,
                          const Blinding* fixed = nullptr);

class GpuDevice;
struct ProveControl;

// The same proof with H's NTTs and the five MSMs on a GPU (the CPU builds A, B, C). The key's points stay in the
// GPU's memory for the next proof with it.
Groth16Proof computeProofOnGpu(const ProvingKey& key, std::span<const U256> witness, GpuDevice& gpu, ProveControl* control,
                               WorkerPool& pool, ProofRun& run, const Blinding* fixed = nullptr);

// Working memory (bytes, beyond key and witness) that computeProof needs at its peak with `threads` threads.
size_t proverWorkingBytes(const ProvingKey& key, unsigned threads);

}  // namespace proverdesk
