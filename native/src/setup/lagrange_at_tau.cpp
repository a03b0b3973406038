#include "setup/lagrange_at_tau.hpp"

#include <algorithm>

#include "engine_error.hpp"
#include "ntt/ntt.hpp"

namespace proverdesk {

namespace {

Fr powerOfTwoPower(Fr x, unsigned log2Exponent) {
  for (unsigned i = 0; i < log2Exponent; ++i) x = x.squared();
  return x;
}

Fr powerOf(const Fr& x, size_t exponent) { return x.pow(U256{{exponent, 0, 0, 0}}); }

}  // namespace

std::vector<Fr> scaledInverseDistances(const Fr& tau, const Fr& shift, unsigned log2Size, const Fr& scale, WorkerPool& pool) {
  const size_t n = size_t{1} << log2Size;
  const Fr omega = rootOfUnity(log2Size);
  constexpr size_t kChunk = size_t{1} << 12;
  std::vector<Fr> out(n);
  pool.run((n + kChunk - 1) / kChunk, [&](size_t chunk) {
    const size_t begin = chunk * kChunk;
    const size_t end = std::min(n, begin + kChunk);
    std::vector<Fr> points(end - begin), prefix(end - begin);
    Fr x = shift * powerOf(omega, begin);
    Fr product = Fr::one();
    for (size_t j = begin; j < end; ++j, x *= omega) {
      points[j - begin] = x;
      const Fr d = tau - x;
      if (d.isZero()) throw EngineError("the random setup secret hit a domain point; run dev-setup again");
      prefix[j - begin] = product;  // product of the distances before this one
      product *= d;
    }
    Fr inverse = product.inverse();
    for (size_t j = end; j-- > begin;) {
      const size_t k = j - begin;
      const Fr d = tau - points[k];
      out[j] = scale * points[k] * (inverse * prefix[k]);
      inverse *= d;
    }
  });
  return out;
}

std::vector<Fr> lagrangeAtTau(const Fr& tau, unsigned log2Size, WorkerPool& pool) {
  const Fr n = Fr::fromUint(uint64_t{1} << log2Size);
  const Fr scale = (powerOfTwoPower(tau, log2Size) - Fr::one()) * n.inverse();
  return scaledInverseDistances(tau, Fr::one(), log2Size, scale, pool);
}

std::vector<Fr> oddLagrangeAtTau(const Fr& tau, const Fr& delta, unsigned log2Size, WorkerPool& pool) {
  if (log2Size + 1 > FrParams::twoAdicity) throw EngineError("the circuit is too big for dev-setup: its domain would exceed 2^27");
  const Fr doubled = Fr::fromUint(uint64_t{2} << log2Size);
  const Fr scale = (powerOfTwoPower(tau, log2Size + 1) - Fr::one()) * (doubled * delta).inverse();
  return scaledInverseDistances(tau, rootOfUnity(log2Size + 1), log2Size, scale, pool);
}

}  // namespace proverdesk
