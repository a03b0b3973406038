// The Groth16 prover with a GPU: the CPU builds the QAP evaluations while the key's points (first proof with a
// key only) and the witness go to the GPU; the GPU then computes H and the four G1 MSMs while the CPU computes
// the G2 MSM beside it. Phase times say where the proof waited: Upload is transfer time not hidden behind
// BuildABC, MsmB2 the CPU's G2 time not hidden behind the GPU's work.
#include <future>

#include "engine.hpp"
#include "gpu/gpu_device.hpp"
#include "groth16/prover.hpp"
#include "groth16/prover_steps.hpp"

namespace proverdesk {

namespace {

struct Uploaded {
  std::shared_ptr<const GpuKeyPoints> points;
  GpuBuffer witness;
};

// Waits for `future` even when the caller leaves by an exception, so no task outlives what it uses.
template <class T>
class Joined {
 public:
  explicit Joined(std::future<T> future) : future_(std::move(future)) {}
  ~Joined() {
    if (future_.valid()) future_.wait();
  }
  Joined(const Joined&) = delete;
  Joined& operator=(const Joined&) = delete;
  T get() { return future_.get(); }

 private:
  std::future<T> future_;
};

}  // namespace

Groth16Proof computeProofOnGpu(const ProvingKey& key, std::span<const U256> witness, GpuDevice& gpu, ProveControl* control,
                               WorkerPool& pool, ProofRun& run, const Blinding* fixed) {
  const size_t n = key.domainSize;
  const size_t polyBytes = n * sizeof(Fr);

  Joined<Uploaded> uploading(std::async(std::launch::async, [&] { return Uploaded{gpu.keyPoints(key), gpu.uploadScalars(witness)}; }));

  run.begin(Phase::BuildABC);
  run.allocate(3 * polyBytes);
  HugePageVector<Fr> a(n), b(n), c(n);
  buildAbc(key, witness, a, b, c, pool, run);

  run.begin(Phase::Upload);
  Uploaded uploaded = uploading.get();

  run.begin(Phase::Ntt);
  const GpuBuffer h = gpu.computeH(a, b, c, key.log2Domain, control, [&](double f) { run.progress(f); });
  run.release(3 * polyBytes);
  HugePageVector<Fr>().swap(a);
  HugePageVector<Fr>().swap(b);
  HugePageVector<Fr>().swap(c);

  // G2 on the CPU's threads while the GPU works; its progress is not reported (the GPU phases are).
  const size_t g2Bytes = msmWorkingBytes<G2Curve>(witness.size(), pool.threads());
  run.allocate(g2Bytes);
  Joined<G2> g2(std::async(std::launch::async, [&] { return multiScalarMul<G2Curve>(key.b2, witness, pool, [](double) {}); }));

  const auto onGpu = [&](Phase phase, const GpuBuffer& points, const GpuBuffer& scalars, size_t offset, size_t count) {
    run.begin(phase);
    return gpu.msm(points, scalars, offset, count, control, [&](double f) { run.progress(f); });
  };
  const GpuKeyPoints& points = *uploaded.points;
  const G1 msmA = onGpu(Phase::MsmA, points.a, uploaded.witness, 0, key.a.size());
  const G1 msmB1 = onGpu(Phase::MsmB1, points.b1, uploaded.witness, 0, key.b1.size());
  const G1 msmC = onGpu(Phase::MsmC, points.c, uploaded.witness, key.nPublic + 1, key.c.size());
  const G1 msmH = onGpu(Phase::MsmH, points.h, h, 0, n);

  run.begin(Phase::MsmB2);
  const G2 msmB2 = g2.get();
  run.release(g2Bytes);
  return blindProof(key, ProofMsms{msmA, msmB1, msmC, msmH, msmB2}, run, fixed);
}

}  // namespace proverdesk
