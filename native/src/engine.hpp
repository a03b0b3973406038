// The engine's public C++ API: what the Node-API addon (and prove_cli) call.
// Include path: native/src. Everything here is safe to call from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "engine_error.hpp"
#include "groth16/proving_key.hpp"
#include "phase.hpp"

namespace proverdesk {

// Shared between the thread that drives a proof and the thread that controls it (the JS thread).
struct ProveControl {
  std::atomic<bool> cancelled{false};

  void cancel();  // sets `cancelled` and wakes paused workers
  void pause();
  void resume();
  bool paused() const { return paused_.load(); }
  // Called by workers between chunks: throws Cancelled when cancelled, blocks while paused.
  void checkpoint();

 private:
  std::atomic<bool> paused_{false};
  std::mutex mutex_;
  std::condition_variable resumed_;
};

class GpuDevice;

struct ProveOptions {
  unsigned threads = 1;              // hard limit on threads working at once, the calling thread included
  ProveControl* control = nullptr;   // optional
  // Optional. Called with increasing fractions per phase, never concurrently; keep it cheap.
  std::function<void(Phase, double fraction)> onProgress;
  // Optional: prove with this GPU (H and the MSMs on it); the CPU threads still build A, B, C.
  GpuDevice* gpu = nullptr;
};

struct ProveResult {
  std::string proofJson;   // as `snarkjs groth16 prove` writes proof.json
  std::string publicJson;  // as it writes public.json
  PhaseTimes times;
  size_t peakBytes = 0;    // the engine's largest working set during the proof (key excluded)
};

// Parses a snarkjs Groth16 .zkey for BN254 (memory-mapping the file in the path form), on up to `threads`
// threads. Throws EngineError on anything malformed. Not cancellable.
std::shared_ptr<const ProvingKey> loadProvingKey(std::span<const uint8_t> zkeyBytes, unsigned threads = 1);
std::shared_ptr<const ProvingKey> loadProvingKeyFile(const std::string& path, unsigned threads = 1);

// Proves with a parsed key and the bytes of a .wtns file. Throws EngineError (bad input or threads == 0),
// Cancelled, or std::bad_alloc.
ProveResult prove(const ProvingKey& key, std::span<const uint8_t> wtnsBytes, const ProveOptions& options);

// Peak bytes a proof with this key will need beyond the key itself, for admission control.
size_t estimateMemory(const ProvingKey& key, unsigned threads = 1);

struct CpuInfo {
  std::string model;
  unsigned cores = 0;               // logical processors
  std::vector<std::string> simd;    // of "bmi2", "adx", "avx2", "avx512f", "neon"
};
CpuInfo cpuInfo();

}  // namespace proverdesk
