// The Groth16 prover with a GPU: the CPU builds the QAP evaluations while the key's points (first proof with a
// key only) and the witness go to the GPU; the GPU then computes H and all five MSMs (G1 and G2), in the CPU
// prover's order. Upload's time is what the transfers took beyond BuildABC, which hides the rest.
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

// Waits for the upload even when the caller leaves by an exception, so it never outlives what it reads.
class JoinedUpload {
 public:
  explicit JoinedUpload(std::future<Uploaded> future) : future_(std::move(future)) {}
  ~JoinedUpload() {
    if (future_.valid()) future_.wait();
  }
  JoinedUpload(const JoinedUpload&) = delete;
  JoinedUpload& operator=(const JoinedUpload&) = delete;
  Uploaded get() { return future_.get(); }

 private:
  std::future<Uploaded> future_;
};

}  // namespace

Groth16Proof computeProofOnGpu(const ProvingKey& key, std::span<const U256> witness, GpuDevice& gpu, ProveControl* control,
                               WorkerPool& pool, ProofRun& run, const Blinding* fixed) {
  const size_t n = key.domainSize;
  const size_t polyBytes = n * sizeof(Fr);

  JoinedUpload uploading(std::async(std::launch::async, [&] { return Uploaded{gpu.keyPoints(key), gpu.uploadScalars(witness)}; }));

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

  const auto progress = [&](double f) { run.progress(f); };
  const GpuKeyPoints& points = *uploaded.points;
  const GpuBuffer& w = uploaded.witness;
  run.begin(Phase::MsmA);
  const G1 msmA = gpu.msm(points.a, w, 0, key.a.size(), control, progress);
  run.begin(Phase::MsmB2);
  const G2 msmB2 = gpu.msmG2(points.b2, w, 0, key.b2.size(), control, progress);
  run.begin(Phase::MsmB1);
  const G1 msmB1 = gpu.msm(points.b1, w, 0, key.b1.size(), control, progress);
  run.begin(Phase::MsmC);
  const G1 msmC = gpu.msm(points.c, w, key.nPublic + 1, key.c.size(), control, progress);
  run.begin(Phase::MsmH);
  const G1 msmH = gpu.msm(points.h, h, 0, n, control, progress);
  return blindProof(key, ProofMsms{msmA, msmB1, msmC, msmH, msmB2}, run, fixed);
}

}  // namespace proverdesk
