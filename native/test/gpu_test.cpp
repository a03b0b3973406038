// The GPU path against the CPU engine, through the host-emulated build of the CUDA kernels
// (PROVERDESK_GPU_LIBRARY; this machine may have no GPU): MSMs, H on the coset and whole proofs equal the CPU's
// for the same inputs and blinding; a stop and a pause are obeyed between kernels; a missing or foreign library and
// bad calls are clear errors. Real GPU execution is checked only where a GPU is lent (see README).
#include <chrono>
#include <cstdlib>
#include <future>
#include <random>
#include <thread>
#include <vector>

#include "cuda/msm.hpp"
#include "engine.hpp"
#include "gpu/gpu_device.hpp"
#include "groth16/proof_run.hpp"
#include "groth16/prover.hpp"
#include "groth16/witness.hpp"
#include "key_files.hpp"
#include "msm/pippenger.hpp"
#include "ntt/ntt.hpp"
#include "test_random.hpp"
#include "test_support.hpp"

using namespace proverdesk;
using namespace proverdesk::testing;

namespace {

std::string libraryPath() {
  const char* path = std::getenv("PROVERDESK_GPU_LIBRARY");
  return path ? path : "";
}

std::shared_ptr<GpuDevice> emulatedGpu() { return std::make_shared<GpuDevice>(GpuLibrary::load(libraryPath()), 0); }

// Points that exercise the bucket adds' special cases: infinity, a point repeated (doubling) and its negation (sum 0).
template <class Curve>
std::vector<Affine<typename Curve::Field>> testPointsOn(size_t n, std::mt19937_64& rng) {
  using Point = Jacobian<Curve>;
  const Point g = Point::fromAffine(Curve::generator());
  std::vector<Point> points;
  Point walk = g.times(randomBelow(rng, Fr::modulus()));
  for (size_t i = 0; i < n; ++i) {
    walk = walk + g;
    if (i % 13 == 5) points.push_back(Point::infinity());
    else if (i % 7 == 3 && i > 0) points.push_back(points[i - 1]);
    else if (i % 9 == 8) points.push_back(points[i - 1].negated());
    else points.push_back(walk);
  }
  return batchToAffine<Curve>(points);
}

std::vector<G1Affine> testPoints(size_t n, std::mt19937_64& rng) { return testPointsOn<G1Curve>(n, rng); }
std::vector<G2Affine> testPointsG2(size_t n, std::mt19937_64& rng) { return testPointsOn<G2Curve>(n, rng); }

std::vector<U256> testScalars(size_t n, std::mt19937_64& rng) {
  std::vector<U256> scalars;
  for (size_t i = 0; i < n; ++i) scalars.push_back(edgeCaseScalar(i, rng));
  return scalars;
}

G1 cpuMsm(std::span<const G1Affine> points, std::span<const U256> scalars) {
  WorkerPool pool(2);
  return multiScalarMul<G1Curve>(points, scalars, pool, [](double) {});
}

// A key whose domain has 2^log2 constraints, each x_i·x_i = x_{i+1} over a chain of signals.
SyntheticKey chainKey(unsigned log2) {
  SyntheticKey spec;
  spec.domainSize = 1u << log2;
  const uint32_t constraints = spec.domainSize - 2;  // leaves room for the two public-input rows
  spec.nVars = constraints + 2;
  spec.nPublic = 1;
  spec.coefs.clear();
  for (uint32_t i = 0; i < constraints; ++i) {
    spec.coefs.push_back({0, i, 1 + i, U256{{i + 3, 0, 0, 0}}});
    spec.coefs.push_back({1, i, 2 + (i % (spec.nVars - 2)), U256{{1, 0, 0, 0}}});
  }
  spec.coefs.push_back({0, constraints, 0, U256{{1, 0, 0, 0}}});
  spec.coefs.push_back({0, constraints + 1, 1, U256{{1, 0, 0, 0}}});
  return spec;
}

}  // namespace

TEST(gpu_signed_digits_recompose_every_scalar_for_every_window_size) {
  std::mt19937_64 rng(11);
  std::vector<U256> scalars = testScalars(40, rng);
  U256 top{{0, 0, 0, uint64_t{1} << 61}};  // 2^253, the highest bit a scalar below r can have
  scalars.push_back(top);
  std::vector<pdgpu::FrElement> device(scalars.size());
  std::memcpy(device.data(), scalars.data(), scalars.size() * sizeof(U256));
  for (uint32_t c = 4; c <= 16; ++c) {
    const uint32_t windows = (255 + c - 1) / c;
    const pdgpu::MsmPlan plan{c, windows, uint32_t{1} << (c - 1), 1};
    std::vector<uint32_t> slots(windows * scalars.size()), entries(windows * scalars.size());
    pdgpu::MsmArgs<pdgpu::G1Point> args{};
    args.scalars = device.data();
    args.count = scalars.size();
    args.plan = plan;
    args.slotOf = slots.data();
    args.entryOf = entries.data();
    pdgpu::launch(nullptr, scalars.size(), pdgpu::msmDigitsKernel<pdgpu::G1Point>, args);
    for (size_t i = 0; i < scalars.size(); ++i) {
      Fr sum;
      Fr weight = Fr::one();
      const Fr radix = Fr::fromUint(uint64_t{1} << c);
      for (uint32_t w = 0; w < windows; ++w) {
        const uint32_t slot = slots[w * scalars.size() + i];
        const bool negative = (entries[w * scalars.size() + i] & 1) != 0;
        CHECK((entries[w * scalars.size() + i] >> 1) == i);
        if (slot != 0) {
          const uint32_t digit = slot - w * (plan.buckets + 1);
          CHECK(digit >= 1 && digit <= plan.buckets);
          CHECK(!(negative && w + 1 == windows));  // the top digit never borrows from beyond the scalar
          sum = negative ? sum - Fr::fromUint(digit) * weight : sum + Fr::fromUint(digit) * weight;
        }
        weight = weight * radix;
      }
      CHECK(sum == Fr::fromCanonical(scalars[i]));
    }
  }
}

TEST(gpu_msm_equals_the_cpu_msm) {
  const auto gpu = emulatedGpu();
  CHECK(gpu->library().backend() == "emulated");
  std::mt19937_64 rng(3);
  for (size_t n : {size_t{1}, size_t{5}, size_t{70}, size_t{600}, size_t{2500}}) {
    const auto points = testPoints(n, rng);
    const auto scalars = testScalars(n + 3, rng);
    // Points go up through a key-shaped holder: keyPoints() is the device's one way to upload points.
    ProvingKey key;
    key.a.assign(points.begin(), points.end());
    const auto resident = gpu->keyPoints(key);
    const GpuBuffer scalarBuffer = gpu->uploadScalars(scalars);
    double lastProgress = 0;
    const G1 got = gpu->msm(resident->a, scalarBuffer, 3, n, nullptr, [&](double f) { lastProgress = f; });
    CHECK(got == cpuMsm(points, std::span<const U256>(scalars).subspan(3)));
    CHECK(lastProgress == 1.0);
    const G1 empty = gpu->msm(resident->a, scalarBuffer, 0, 0, nullptr, {});
    CHECK(empty.isInfinity());
  }
}

TEST(gpu_g2_msm_equals_the_cpu_msm) {
  const auto gpu = emulatedGpu();
  std::mt19937_64 rng(13);
  for (size_t n : {size_t{1}, size_t{40}, size_t{700}}) {
    const auto points = testPointsG2(n, rng);
    const auto scalars = testScalars(n + 1, rng);
    ProvingKey key;
    key.b2.assign(points.begin(), points.end());
    const auto resident = gpu->keyPoints(key);
    const GpuBuffer scalarBuffer = gpu->uploadScalars(scalars);
    const G2 got = gpu->msmG2(resident->b2, scalarBuffer, 1, n, nullptr, {});
    WorkerPool pool(2);
    CHECK(got == multiScalarMul<G2Curve>(points, std::span<const U256>(scalars).subspan(1), pool, [](double) {}));
    // A G1 buffer is not taken for G2, nor the other way round.
    CHECK_THROWS_WITH(gpu->msm(resident->b2, scalarBuffer, 0, 1, nullptr, {}), "wrong kind of buffer");
    CHECK_THROWS_WITH(gpu->msmG2(resident->a, scalarBuffer, 0, 0, nullptr, {}), "wrong kind of buffer");
  }
}

TEST(gpu_h_on_the_coset_equals_the_cpu_computation) {
  const auto gpu = emulatedGpu();
  std::mt19937_64 rng(8);
  for (unsigned log2n : {0u, 1u, 2u, 5u, 10u}) {
    const size_t n = size_t{1} << log2n;
    std::vector<Fr> a(n), b(n), c(n);
    for (size_t i = 0; i < n; ++i) {
      a[i] = randomElement<Fr>(rng);
      b[i] = randomElement<Fr>(rng);
      c[i] = randomElement<Fr>(rng);
    }
    double lastProgress = 0;
    const GpuBuffer h = gpu->computeH(a, b, c, log2n, nullptr, [&](double f) { lastProgress = f; });
    const std::vector<U256> got = gpu->downloadScalars(h, n);

    WorkerPool pool(2);
    const NttDomain domain(log2n);
    const Fr shift = oddCosetShift(log2n);
    for (std::vector<Fr>* poly : {&a, &b, &c}) {
      domain.inverseUnscaled(*poly, pool);
      scaleByPowers(*poly, domain.sizeInverse(), shift, pool);
      domain.forward(*poly, pool);
    }
    bool equal = true;
    for (size_t i = 0; i < n; ++i) equal = equal && got[i] == (a[i] * b[i] - c[i]).canonical();
    CHECK(equal);
    CHECK(lastProgress == 1.0);
  }
}

TEST(gpu_proof_equals_the_cpu_proof_for_the_same_blinding) {
  const auto gpu = emulatedGpu();
  std::mt19937_64 rng(21);
  for (unsigned log2 : {2u, 9u}) {
    const SyntheticKey spec = log2 == 2 ? SyntheticKey{} : chainKey(log2);
    const auto key = loadProvingKey(buildZkey(spec), 2);
    std::vector<U256> witness(key->nVars);
    witness[0] = U256{{1, 0, 0, 0}};
    for (size_t i = 1; i < witness.size(); ++i) witness[i] = randomBelow(rng, Fr::modulus());
    const Blinding blinding{randomElement<Fr>(rng), randomElement<Fr>(rng)};

    WorkerPool pool(2);
    ProofRun cpuRun({});
    const Groth16Proof cpu = computeProof(*key, witness, pool, cpuRun, &blinding);
    std::vector<Phase> phases;
    ProofRun gpuRun([&](Phase phase, double) {
      if (phases.empty() || phases.back() != phase) phases.push_back(phase);
    });
    const Groth16Proof onGpu = computeProofOnGpu(*key, witness, *gpu, nullptr, pool, gpuRun, &blinding);
    CHECK(onGpu.piA == cpu.piA);
    CHECK(onGpu.piB == cpu.piB);
    CHECK(onGpu.piC == cpu.piC);
    CHECK((phases == std::vector<Phase>{Phase::BuildABC, Phase::Upload, Phase::Ntt, Phase::MsmA, Phase::MsmB2, Phase::MsmB1, Phase::MsmC,
                                        Phase::MsmH, Phase::Finish}));
    // A second proof with the key finds its points on the GPU already.
    const auto resident = gpu->keyPoints(*key);
    CHECK(resident->keyId == key->id &&
          resident->bytes == (key->a.size() + key->b1.size() + key->c.size() + key->h.size()) * sizeof(G1Affine) + key->b2.size() * sizeof(G2Affine));
    CHECK(gpu->keyPoints(*key) == resident);
    CHECK(gpu->proofBytes(*key) > resident->bytes);
    CHECK(gpu->residentBytes() == resident->bytes);
  }
}

TEST(gpu_prove_through_the_engine_api_matches_the_cpu_public_output) {
  const auto gpu = emulatedGpu();
  const auto key = loadProvingKey(buildZkey(SyntheticKey{}));
  const auto wtns = buildWtns({U256{{1, 0, 0, 0}}, U256{{42, 0, 0, 0}}, U256{{6, 0, 0, 0}}, U256{{7, 0, 0, 0}}});
  ProveOptions options{2, nullptr, {}};
  options.gpu = gpu.get();
  const ProveResult onGpu = prove(*key, wtns, options);
  const ProveResult cpu = prove(*key, wtns, ProveOptions{2, nullptr, {}});
  CHECK(onGpu.publicJson == cpu.publicJson);
  CHECK(onGpu.proofJson.find("\"protocol\": \"groth16\"") != std::string::npos);
  CHECK(cpu.times[Phase::Upload] == 0);  // only a GPU proof uploads
}

TEST(gpu_work_stops_when_cancelled_and_waits_while_paused) {
  const auto gpu = emulatedGpu();
  std::mt19937_64 rng(4);
  const auto points = testPoints(300, rng);
  const auto scalars = testScalars(300, rng);
  ProvingKey key;
  key.a.assign(points.begin(), points.end());
  const auto resident = gpu->keyPoints(key);
  const GpuBuffer scalarBuffer = gpu->uploadScalars(scalars);

  ProveControl cancelled;
  cancelled.cancel();
  CHECK_THROWS_WITH(gpu->msm(resident->a, scalarBuffer, 0, 300, &cancelled, {}), "cancelled");

  ProveControl paused;
  paused.pause();
  std::atomic<int> steps{0};
  auto running = std::async(std::launch::async, [&] {
    return gpu->msm(resident->a, scalarBuffer, 0, 300, &paused, [&](double) { ++steps; });
  });
  // It reports its first step and then holds at the checkpoint; nothing moves until resumed.
  while (steps.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(steps.load() == 1);
  CHECK(running.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);
  paused.resume();
  CHECK(running.get() == cpuMsm(points, scalars));
}

TEST(gpu_library_and_call_errors_are_clear) {
  CHECK_THROWS_WITH(GpuLibrary::load("/nonexistent/libproverdesk_cuda.so"), "could not be loaded");
  const char* fakeDriver = std::getenv("PROVERDESK_FAKE_CUDA");
  CHECK(fakeDriver != nullptr);
  if (fakeDriver) CHECK_THROWS_WITH(GpuLibrary::load(fakeDriver), "is not a ProverDesk GPU library");
  CHECK_THROWS_WITH(GpuDevice(GpuLibrary::load(libraryPath()), -1), "no such emulated GPU");

  const auto gpu = emulatedGpu();
  std::mt19937_64 rng(9);
  const auto points = testPoints(10, rng);
  ProvingKey key;
  key.a.assign(points.begin(), points.end());
  const auto resident = gpu->keyPoints(key);
  const GpuBuffer scalars = gpu->uploadScalars(testScalars(10, rng));
  CHECK_THROWS_WITH(gpu->msm(resident->a, scalars, 0, 11, nullptr, {}), "GPU 0: MSM longer than its points or scalars");
  CHECK_THROWS_WITH(gpu->msm(resident->a, scalars, 5, 6, nullptr, {}), "MSM longer than its points or scalars");
  CHECK_THROWS_WITH(gpu->msm(scalars, scalars, 0, 1, nullptr, {}), "wrong kind of buffer");
  std::vector<Fr> tooShort(3);
  CHECK_THROWS_WITH(gpu->computeH(tooShort, tooShort, tooShort, 2, nullptr, {}), "not the domain's size");

  setenv("PROVERDESK_EMULATED_GPU_MEMORY", "123456789", 1);
  CHECK(gpu->memory().totalBytes == 123456789);
  unsetenv("PROVERDESK_EMULATED_GPU_MEMORY");
}
