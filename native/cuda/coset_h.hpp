// The NTT work of a Groth16 proof on the GPU: each of A, B, C goes from evaluations on the domain to
// evaluations on the odd coset (inverse NTT, scale coefficient j by shift^j / n, forward NTT), then
// h_i = a_i·b_i − c_i. Radix-2 in place: a bit-reversal permutation, then log2(n) butterfly stages with a
// twiddle table ω^k (k < n/2) built on the device.
#pragma once

#include "fp256.hpp"

namespace pdgpu {

PD_HD uint32_t reverseBits(uint32_t value, uint32_t bits) {
  uint32_t reversed = 0;
  for (uint32_t b = 0; b < bits; ++b) reversed |= ((value >> b) & 1u) << (bits - 1 - b);
  return reversed;
}

PD_KERNEL twiddleKernel(FrElement* table, FrElement root, uint64_t count) {
  const size_t k = kernelIndex();
  if (k < count) table[k] = root.pow(k);
}

PD_KERNEL bitReverseKernel(FrElement* values, uint32_t log2n) {
  const size_t i = kernelIndex();
  if (i >= (size_t{1} << log2n)) return;
  const uint32_t j = reverseBits(uint32_t(i), log2n);
  if (i < j) {  // each pair swapped once, by its lower index
    const FrElement t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}

// Stage s (half-size m = 2^s) of a decimation-in-time NTT over bit-reversed input: one butterfly per index.
PD_KERNEL butterflyKernel(FrElement* values, const FrElement* twiddles, uint32_t log2n, uint32_t stage) {
  const size_t j = kernelIndex();
  if (j >= (size_t{1} << (log2n - 1))) return;
  const size_t half = size_t{1} << stage;
  const size_t k = j & (half - 1);
  const size_t i0 = ((j >> stage) << (stage + 1)) + k;
  const size_t i1 = i0 + half;
  const FrElement t = values[i1] * twiddles[k << (log2n - 1 - stage)];
  const FrElement u = values[i0];
  values[i0] = u + t;
  values[i1] = u - t;
}

// Coefficient j times shift^j / n.
PD_KERNEL cosetScaleKernel(FrElement* values, FrElement sizeInverse, FrElement shift, uint32_t log2n) {
  const size_t j = kernelIndex();
  if (j >= (size_t{1} << log2n)) return;
  values[j] = values[j] * sizeInverse * shift.pow(j);
}

// h = a·b − c in place of a, canonical (the MSM's scalars).
PD_KERNEL joinKernel(FrElement* a, const FrElement* b, const FrElement* c, uint32_t log2n) {
  const size_t i = kernelIndex();
  if (i >= (size_t{1} << log2n)) return;
  a[i] = (a[i] * b[i] - c[i]).canonical();
}

}  // namespace pdgpu
