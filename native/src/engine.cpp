#include "engine.hpp"


#include "groth16/proof_json.hpp"
#include "groth16/prover.hpp"
#include "groth16/witness.hpp"
#include "parallel/worker_pool.hpp"
#include "platform/mapped_file.hpp"

namespace proverdesk {

void ProveControl::cancel() {
  cancelled = true;
  std::lock_guard lock(mutex_);
  resumed_.notify_all();
}

void ProveControl::pause() { paused_ = true; }

void ProveControl::resume() {
  {
    std::lock_guard lock(mutex_);
    paused_ = false;
  }
  resumed_.notify_all();
}

void ProveControl::checkpoint() {
  if (cancelled) throw Cancelled();
  if (!paused_) return;
  std::unique_lock lock(mutex_);
  resumed_.wait(lock, [this] { return !paused_ || cancelled; });
  if (cancelled) throw Cancelled();
}

std::shared_ptr<const ProvingKey> loadProvingKey(std::span<const uint8_t> zkeyBytes, unsigned threads) {
  return parseProvingKey(zkeyBytes, threads);
}

std::shared_ptr<const ProvingKey> loadProvingKeyFile(const std::string& path, unsigned threads) {
  const MappedFile file(path, "proving key");
  return parseProvingKey(file.bytes(), threads);
}

ProveResult prove(const ProvingKey& key, std::span<const uint8_t> wtnsBytes, const ProveOptions& options) {
  if (options.threads == 0) throw EngineError("the thread count must be at least 1");
  ProveControl* control = options.control;
  if (control) control->checkpoint();
  WorkerPool pool(options.threads, control ? std::function<void()>([control] { control->checkpoint(); }) : std::function<void()>());
  ProofRun run(options.onProgress);

  run.begin(Phase::Witness);
  const std::vector<U256> witness = parseWitness(wtnsBytes, key.nVars);
  run.allocate(witness.size() * sizeof(U256));

  const Groth16Proof proof =
      options.gpu ? computeProofOnGpu(key, witness, *options.gpu, control, pool, run) : computeProof(key, witness, pool, run);

  ProveResult result;
  result.proofJson = proofJson(proof.piA, proof.piB, proof.piC);
  result.publicJson = publicSignalsJson(std::span<const U256>(witness).subspan(1, key.nPublic));
  run.end();
  result.times = run.times();
  result.peakBytes = run.peakBytes();
  return result;
}

size_t estimateMemory(const ProvingKey& key, unsigned threads) {
  return size_t{key.nVars} * sizeof(U256) + proverWorkingBytes(key, threads == 0 ? 1 : threads);
}

}  // namespace proverdesk
