#include "groth16/prover.hpp"

#include <algorithm>
#include <atomic>
#include <vector>

#include "groth16/prover_steps.hpp"
#include "groth16/random_scalar.hpp"
#include "msm/huge_page_allocator.hpp"
#include "msm/pippenger.hpp"
#include "ntt/ntt.hpp"

namespace proverdesk {

namespace {

constexpr size_t kElementwiseChunk = size_t{1} << 14;

}  // namespace

void buildAbc(const ProvingKey& key, std::span<const U256> witness, HugePageVector<Fr>& a, HugePageVector<Fr>& b,
              HugePageVector<Fr>& c, WorkerPool& pool, ProofRun& run) {
  std::atomic<size_t> done{0};
  pool.run(key.groups(), [&](size_t group) {
    for (size_t i = key.groupStart[group]; i < key.groupStart[group + 1]; ++i) {
      const QapCoefficient& coef = key.coefficients[i];
      const bool isB = (coef.constraintAndMatrix & QapCoefficient::kMatrixB) != 0;
      const uint32_t constraint = coef.constraintAndMatrix & ~QapCoefficient::kMatrixB;
      // coef.value is coef·R²: a Montgomery product with the canonical witness value gives Montgomery(coef·w).
      const Fr term = coef.value * Fr::fromMontgomery(witness[coef.signal]);
      (isB ? b : a)[constraint] += term;
    }
    run.progress(0.9 * static_cast<double>(++done) / static_cast<double>(key.groups()));
  });
  const size_t n = a.size();
  pool.run((n + kElementwiseChunk - 1) / kElementwiseChunk, [&](size_t task) {
    const size_t end = std::min(n, (task + 1) * kElementwiseChunk);
    for (size_t i = task * kElementwiseChunk; i < end; ++i) c[i] = a[i] * b[i];
  });
}

namespace {

// Moves each of a, b, c from evaluations on the domain to evaluations on the odd coset inc·ω^i
// (inc is a primitive 2n-th root of unity): inverse NTT, scale coefficients by inc^j / n, forward NTT.
void toOddCoset(const ProvingKey& key, HugePageVector<Fr>* polys[3], WorkerPool& pool, ProofRun& run) {
  const NttDomain domain(key.log2Domain);
  const Fr inc = oddCosetShift(key.log2Domain);
  for (int p = 0; p < 3; ++p) {
    domain.inverseUnscaled(*polys[p], pool);
    scaleByPowers(*polys[p], domain.sizeInverse(), inc, pool);
    domain.forward(*polys[p], pool);
    run.progress(static_cast<double>(p + 1) / 3.0);
  }
}

// h_i = a_i·b_i − c_i on the coset, as canonical scalars for the H multi-exponentiation.
HugePageVector<U256> joinAbc(const HugePageVector<Fr>& a, const HugePageVector<Fr>& b, const HugePageVector<Fr>& c, WorkerPool& pool) {
  const size_t n = a.size();
  HugePageVector<U256> h(n);
  pool.run((n + kElementwiseChunk - 1) / kElementwiseChunk, [&](size_t task) {
    const size_t end = std::min(n, (task + 1) * kElementwiseChunk);
    for (size_t i = task * kElementwiseChunk; i < end; ++i) h[i] = (a[i] * b[i] - c[i]).canonical();
  });
  return h;
}

}  // namespace

Groth16Proof computeProof(const ProvingKey& key, std::span<const U256> witness, WorkerPool& pool, ProofRun& run, const Blinding* fixed) {
  const size_t n = key.domainSize;
  const size_t polyBytes = n * sizeof(Fr);

  run.begin(Phase::BuildABC);
  run.allocate(3 * polyBytes);
  HugePageVector<Fr> a(n), b(n), c(n);
  buildAbc(key, witness, a, b, c, pool, run);

  run.begin(Phase::Ntt);
  run.allocate(polyBytes);  // twiddle tables
  HugePageVector<Fr>* polys[3] = {&a, &b, &c};
  toOddCoset(key, polys, pool, run);
  run.allocate(n * sizeof(U256));
  HugePageVector<U256> h = joinAbc(a, b, c, pool);
  run.release(4 * polyBytes);
  HugePageVector<Fr>().swap(a);
  HugePageVector<Fr>().swap(b);
  HugePageVector<Fr>().swap(c);

  const G1 msmA = timedMsm<G1Curve>(Phase::MsmA, key.a, witness, pool, run);
  const G2 msmB2 = timedMsm<G2Curve>(Phase::MsmB2, key.b2, witness, pool, run);
  const G1 msmB1 = timedMsm<G1Curve>(Phase::MsmB1, key.b1, witness, pool, run);
  const G1 msmC = timedMsm<G1Curve>(Phase::MsmC, key.c, witness.subspan(key.nPublic + 1), pool, run);
  const G1 msmH = timedMsm<G1Curve>(Phase::MsmH, key.h, h, pool, run);
  run.release(n * sizeof(U256));

  return blindProof(key, ProofMsms{msmA, msmB1, msmC, msmH, msmB2}, run, fixed);
}

Groth16Proof blindProof(const ProvingKey& key, const ProofMsms& msms, ProofRun& run, const Blinding* fixed) {
  run.begin(Phase::Finish);
  const Fr r = fixed ? fixed->r : randomScalar();
  const Fr s = fixed ? fixed->s : randomScalar();
  const U256 rc = r.canonical();
  const U256 sc = s.canonical();
  const G1 delta1 = G1::fromAffine(key.delta1);
  Groth16Proof proof;
  proof.piA = msms.a.addMixed(key.alpha1) + delta1.times(rc);
  proof.piB = msms.b2.addMixed(key.beta2) + G2::fromAffine(key.delta2).times(sc);
  const G1 piB1 = msms.b1.addMixed(key.beta1) + delta1.times(sc);
  proof.piC = msms.c + msms.h + proof.piA.times(sc) + piB1.times(rc) + delta1.times((-(r * s)).canonical());
  return proof;
}

size_t proverWorkingBytes(const ProvingKey& key, unsigned threads) {
  const size_t n = key.domainSize;
  const size_t abcAndTwiddles = 4 * n * sizeof(Fr) + n * sizeof(U256);
  const size_t largestMsm = std::max<size_t>(key.nVars, n);
  const size_t msmBuckets = std::max(msmWorkingBytes<G1Curve>(largestMsm, threads), msmWorkingBytes<G2Curve>(key.nVars, threads));
  return std::max(abcAndTwiddles, n * sizeof(U256) + msmBuckets);
}

}  // namespace proverdesk
