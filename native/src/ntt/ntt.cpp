#include "ntt/ntt.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace proverdesk {

namespace {

constexpr unsigned kBlockLog2 = 11;       // stages up to this length run inside one cache-sized block
constexpr size_t kTaskButterflies = size_t{1} << 13;

size_t reverseBits(size_t v, unsigned bits) {
  size_t r = 0;
  for (unsigned i = 0; i < bits; ++i) {
    r = (r << 1) | (v & 1);
    v >>= 1;
  }
  return r;
}

inline void butterfly(Fr& a, Fr& b, const Fr& w) {
  const Fr t = b * w;
  b = a - t;
  a = a + t;
}

std::vector<Fr> powersOf(const Fr& base, size_t count) {
  std::vector<Fr> out(count);
  Fr acc = Fr::one();
  for (size_t i = 0; i < count; ++i) {
    out[i] = acc;
    acc *= base;
  }
  return out;
}

}  // namespace

Fr rootOfUnity(unsigned log2Order) {
  if (log2Order > FrParams::twoAdicity) throw std::invalid_argument("Fr has no root of unity of order 2^" + std::to_string(log2Order));
  U256 t;
  subWithBorrow(t, Fr::modulus(), U256{{1, 0, 0, 0}});
  for (unsigned i = 0; i < FrParams::twoAdicity; ++i) {
    for (int l = 0; l < 4; ++l) t.limb[l] = (t.limb[l] >> 1) | (l < 3 ? t.limb[l + 1] << 63 : 0);
  }
  Fr w = Fr::fromUint(FrParams::nonResidue).pow(t);
  for (unsigned i = log2Order; i < FrParams::twoAdicity; ++i) w = w.squared();
  return w;
}

Fr oddCosetShift(unsigned log2Size) {
  return log2Size == FrParams::twoAdicity ? Fr::fromUint(FrParams::nonResidue).squared() : rootOfUnity(log2Size + 1);
}

NttDomain::NttDomain(unsigned log2Size) : log2Size_(log2Size) {
  const Fr w = rootOfUnity(log2Size);
  const size_t half = size() / 2;
  forwardTwiddles_ = powersOf(w, half);
  inverseTwiddles_ = powersOf(w.inverse(), half);
  sizeInverse_ = Fr::fromUint(size()).inverse();
}

void NttDomain::forward(std::span<Fr> values, WorkerPool& pool) const { transform(values, forwardTwiddles_, pool); }

void NttDomain::inverseUnscaled(std::span<Fr> values, WorkerPool& pool) const {
  transform(values, inverseTwiddles_, pool);
}

void NttDomain::inverse(std::span<Fr> values, WorkerPool& pool) const {
  inverseUnscaled(values, pool);
  scaleByPowers(values, sizeInverse_, Fr::one(), pool);
}

// Iterative decimation in time: bit-reversal permutation, then log2(n) butterfly stages.
void NttDomain::transform(std::span<Fr> values, const std::vector<Fr>& twiddles, WorkerPool& pool) const {
  const size_t n = size();
  if (values.size() != n) throw std::invalid_argument("NTT input has the wrong length");
  if (n == 1) return;
  const unsigned bits = log2Size_;

  const size_t permuteTasks = std::max<size_t>(1, n / kTaskButterflies);
  pool.run(permuteTasks, [&](size_t task) {
    const size_t begin = task * n / permuteTasks;
    const size_t end = (task + 1) * n / permuteTasks;
    for (size_t i = begin; i < end; ++i) {
      const size_t j = reverseBits(i, bits);
      if (i < j) std::swap(values[i], values[j]);
    }
  });

  // Early stages stay inside blocks of 2^blockLog2 elements.
  const unsigned blockLog2 = std::min(bits, kBlockLog2);
  const size_t block = size_t{1} << blockLog2;
  pool.run(n / block, [&](size_t task) {
    Fr* base = values.data() + task * block;
    for (size_t len = 2; len <= block; len <<= 1) {
      const size_t halfLen = len / 2;
      const size_t stride = n / len;
      for (size_t start = 0; start < block; start += len) {
        for (size_t j = 0; j < halfLen; ++j) butterfly(base[start + j], base[start + j + halfLen], twiddles[j * stride]);
      }
    }
  });

  // Later stages: the n/2 butterflies of each stage are split into equal tasks.
  const size_t butterflies = n / 2;
  const size_t tasks = std::max<size_t>(1, butterflies / kTaskButterflies);
  for (size_t len = block * 2; len <= n; len <<= 1) {
    const size_t halfLen = len / 2;
    const size_t stride = n / len;
    pool.run(tasks, [&](size_t task) {
      const size_t begin = task * butterflies / tasks;
      const size_t end = (task + 1) * butterflies / tasks;
      for (size_t k = begin; k < end; ++k) {
        const size_t group = k / halfLen;
        const size_t j = k % halfLen;
        const size_t i0 = group * len + j;
        butterfly(values[i0], values[i0 + halfLen], twiddles[j * stride]);
      }
    });
  }
}

void scaleByPowers(std::span<Fr> values, const Fr& factor, const Fr& step, WorkerPool& pool) {
  const size_t n = values.size();
  const size_t tasks = std::max<size_t>(1, n / kTaskButterflies);
  pool.run(tasks, [&](size_t task) {
    const size_t begin = task * n / tasks;
    const size_t end = (task + 1) * n / tasks;
    Fr acc = factor * step.pow(U256{{begin, 0, 0, 0}});
    for (size_t i = begin; i < end; ++i) {
      values[i] *= acc;
      acc *= step;
    }
  });
}

}  // namespace proverdesk
