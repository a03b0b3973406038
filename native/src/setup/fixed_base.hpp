// Fixed-base scalar multiplication for key generation: many scalars times one generator.
// A table holds d·2^(w·k)·G for every window k and digit d, so a 254-bit scalar costs one mixed addition
// per window and no doublings.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

#include "curve/bn254_curves.hpp"
#include "field/bn254.hpp"
#include "parallel/worker_pool.hpp"

namespace proverdesk {

template <class Curve>
class FixedBaseTable {
 public:
  using F = typename Curve::Field;
  using Point = Jacobian<Curve>;

  // A wider window for more scalars: the table costs about (254/w)·2^w additions once and saves
  // (254/w_small − 254/w) per scalar.
  static unsigned windowFor(size_t scalars) {
    return scalars >= (size_t{1} << 21) ? 16 : scalars >= (size_t{1} << 16) ? 12 : scalars >= (size_t{1} << 9) ? 8 : 4;
  }

  FixedBaseTable(const Affine<F>& base, unsigned windowBits, WorkerPool& pool)
      : bits_(windowBits), windows_((kScalarBits + windowBits - 1) / windowBits), digits_((size_t{1} << windowBits) - 1) {
    std::vector<Point> starts(windows_);
    Point start = Point::fromAffine(base);
    for (unsigned k = 0; k < windows_; ++k) {
      starts[k] = start;
      for (unsigned i = 0; i < bits_; ++i) start = start.doubled();
    }
    std::vector<Point> jacobian(windows_ * digits_);
    pool.run(windows_, [&](size_t k) {
      const Affine<F> step = starts[k].toAffine();
      Point acc = starts[k];
      for (size_t d = 0; d < digits_; ++d) {
        jacobian[k * digits_ + d] = acc;
        acc = acc.addMixed(step);
      }
    });
    table_ = batchToAffine<Curve>(jacobian);
  }

  Point times(const U256& scalar) const {
    Point acc;
    for (unsigned k = 0; k < windows_; ++k) {
      const unsigned digit = digitAt(scalar, k * bits_);
      if (digit != 0) acc = acc.addMixed(table_[k * digits_ + digit - 1]);
    }
    return acc;
  }

 private:
  static constexpr unsigned kScalarBits = 254;

  unsigned digitAt(const U256& s, unsigned bit) const {
    const unsigned limb = bit / 64, shift = bit % 64;
    uint64_t v = s.limb[limb] >> shift;
    if (shift + bits_ > 64 && limb + 1 < 4) v |= s.limb[limb + 1] << (64 - shift);
    return static_cast<unsigned>(v & digits_);
  }

  unsigned bits_;
  unsigned windows_;
  size_t digits_;
  std::vector<Affine<F>> table_;
};

// out[i] = scalars[i]·G in affine form (infinity as (0, 0)), in parallel chunks that each share one inversion.
// `progress` gets the fraction done; it is called from worker threads, one call at a time.
template <class Curve>
std::vector<Affine<typename Curve::Field>> fixedBaseMultiply(const FixedBaseTable<Curve>& table, std::span<const Fr> scalars,
                                                             WorkerPool& pool, const std::function<void(double)>& progress) {
  constexpr size_t kChunk = 2048;
  const size_t chunks = (scalars.size() + kChunk - 1) / kChunk;
  std::vector<Affine<typename Curve::Field>> out(scalars.size());
  std::atomic<size_t> done{0};
  std::mutex progressMutex;
  pool.run(chunks, [&](size_t chunk) {
    const size_t begin = chunk * kChunk;
    const size_t end = std::min(scalars.size(), begin + kChunk);
    std::vector<Jacobian<Curve>> points(end - begin);
    for (size_t i = begin; i < end; ++i) points[i - begin] = table.times(scalars[i].canonical());
    const auto affine = batchToAffine<Curve>(points);
    std::copy(affine.begin(), affine.end(), out.begin() + static_cast<std::ptrdiff_t>(begin));
    if (progress) {
      std::lock_guard lock(progressMutex);
      progress(static_cast<double>(++done) / static_cast<double>(chunks));
    }
  });
  return out;
}

}  // namespace proverdesk
