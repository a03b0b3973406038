#include <random>
#include <vector>

#include "curve/bn254_curves.hpp"
#include "msm/pippenger.hpp"
#include "msm/signed_digits.hpp"
#include "test_random.hpp"
#include "test_support.hpp"

using namespace proverdesk;
using proverdesk::testing::edgeCaseScalar;
using proverdesk::testing::randomBelow;

namespace {

constexpr MsmArithmetic kArithmetics[] = {MsmArithmetic::Fastest, MsmArithmetic::Scalar};

template <class Curve>
void checkMsmAgainstNaive(size_t n, unsigned threads, uint64_t seed, MsmArithmetic arithmetic) {
  using Point = Jacobian<Curve>;
  std::mt19937_64 rng(seed);
  const Point g = Point::fromAffine(Curve::generator());
  std::vector<Point> points;
  std::vector<U256> scalars;
  for (size_t i = 0; i < n; ++i) {
    points.push_back(i % 11 == 4 ? Point::infinity() : g.times(randomBelow(rng, Fr::modulus())));
    scalars.push_back(edgeCaseScalar(i, rng));
  }
  const auto bases = batchToAffine<Curve>(points);
  Point expected;
  for (size_t i = 0; i < n; ++i) expected += Point::fromAffine(bases[i]).times(scalars[i]);
  WorkerPool pool(threads);
  double lastProgress = 0;
  const Point got = multiScalarMul<Curve>(bases, scalars, pool, [&](double f) { lastProgress = f; }, arithmetic);
  CHECK(got == expected);
  CHECK(lastProgress == 1.0);
}

}  // namespace

TEST(signed_digits_reconstruct_the_scalar) {
  std::mt19937_64 rng(5);
  for (unsigned c = 2; c <= 16; ++c) {
    const unsigned windows = (255 + c - 1) / c;
    for (int t = 0; t < 20; ++t) {
      const U256 s = randomBelow(rng, Fr::modulus());
      Fr acc = Fr::zero();
      const Fr radix = Fr::fromUint(uint64_t{1} << c);
      for (unsigned w = windows; w-- > 0;) {
        const int64_t d = signedDigit(s, w, c);
        CHECK(d >= -(int64_t{1} << (c - 1)) && d <= (int64_t{1} << (c - 1)));
        acc = acc * radix + (d >= 0 ? Fr::fromUint(static_cast<uint64_t>(d)) : -Fr::fromUint(static_cast<uint64_t>(-d)));
      }
      CHECK(acc == Fr::fromCanonical(s));
    }
  }
}

TEST(window_plan_keeps_threads_busy) {
  for (size_t n : {size_t{1}, size_t{100}, size_t{1} << 15, size_t{1} << 20}) {
    for (unsigned t : {1u, 2u, 3u, 16u}) {
      const WindowPlan plan = planWindows(n, t, BucketCosts{4.5, 40});
      CHECK(plan.windowBits >= 2 && plan.windowBits <= 16);
      CHECK(plan.windows * plan.windowBits >= 255);
      CHECK(plan.pointChunks >= 1);
    }
  }
}

TEST(g1_msm_matches_naive_sum) {
  for (const auto arithmetic : kArithmetics) {
    for (unsigned threads : {1u, 2u, 3u}) {
      checkMsmAgainstNaive<G1Curve>(1, threads, 10 + threads, arithmetic);
      checkMsmAgainstNaive<G1Curve>(37, threads, 20 + threads, arithmetic);
      checkMsmAgainstNaive<G1Curve>(260, threads, 30 + threads, arithmetic);
    }
    checkMsmAgainstNaive<G1Curve>(3000, 2, 50, arithmetic);
  }
}

TEST(g2_msm_matches_naive_sum) {
  for (const auto arithmetic : kArithmetics) {
    for (unsigned threads : {1u, 2u, 3u}) checkMsmAgainstNaive<G2Curve>(45, threads, 40 + threads, arithmetic);
    checkMsmAgainstNaive<G2Curve>(700, 2, 60, arithmetic);
  }
}

TEST(msm_of_only_zero_and_one_scalars) {
  const G1 g = G1::fromAffine(G1Curve::generator());
  const auto bases = batchToAffine<G1Curve>(std::vector<G1>{g, g.doubled(), g.doubled().doubled()});
  const std::vector<U256> scalars{U256{{1, 0, 0, 0}}, U256{}, U256{{1, 0, 0, 0}}};
  WorkerPool pool(2);
  CHECK(multiScalarMul<G1Curve>(bases, scalars, pool) == g.times(U256{{5, 0, 0, 0}}));
  const std::vector<U256> zeros(3);
  CHECK(multiScalarMul<G1Curve>(bases, zeros, pool).isInfinity());
}

TEST(worker_pool_runs_every_task_once_and_propagates_errors) {
  for (unsigned threads : {1u, 2u, 3u}) {
    WorkerPool pool(threads);
    std::vector<std::atomic<int>> hits(1000);
    pool.run(hits.size(), [&](size_t i) { hits[i]++; });
    bool allOnce = true;
    for (auto& h : hits) allOnce = allOnce && h == 1;
    CHECK(allOnce);
    CHECK_THROWS_WITH(pool.run(50, [](size_t i) { if (i == 17) throw std::runtime_error("task 17 broke"); }), "task 17 broke");
    int after = 0;
    pool.run(1, [&](size_t) { after = 1; });  // still usable after a failure
    CHECK(after == 1);
  }
  CHECK_THROWS_WITH(WorkerPool(0), "at least 1");
}

template <class Curve>
void checkRepeatedPointsAndScalars(MsmArithmetic arithmetic) {
  using Point = Jacobian<Curve>;
  const Point g = Point::fromAffine(Curve::generator());
  WorkerPool pool(2);
  // The same point 3000 times with the same scalar: every bucket addition after the first doubles.
  const std::vector<Affine<typename Curve::Field>> same(3000, Curve::generator());
  const std::vector<U256> threes(3000, U256{{3, 0, 0, 0}});
  CHECK(multiScalarMul<Curve>(same, threes, pool, {}, arithmetic) == g.times(U256{{9000, 0, 0, 0}}));
  // P and −P with equal scalars cancel inside one bucket.
  std::vector<Point> points;
  for (uint64_t i = 1; i <= 1500; ++i) {
    points.push_back(g.times(U256{{i * 7919, 0, 0, 0}}));
    points.push_back(points.back().negated());
  }
  const auto bases = batchToAffine<Curve>(points);
  const std::vector<U256> fives(bases.size(), U256{{5, 0, 0, 0}});
  CHECK(multiScalarMul<Curve>(bases, fives, pool, {}, arithmetic).isInfinity());
  // Distinct points, one repeated large scalar: many points per bucket, beyond the waiting-list bound.
  std::vector<U256> big(bases.size(), U256{{0x123456789abcdefULL, 0xfedcba987654321ULL, 7, 1}});
  for (size_t i = 1; i < big.size(); i += 2) big[i] = U256{{11, 0, 0, 0}};
  Point expected;
  for (size_t i = 0; i < bases.size(); ++i) expected += Point::fromAffine(bases[i]).times(big[i]);
  CHECK(multiScalarMul<Curve>(bases, big, pool, {}, arithmetic) == expected);
}

TEST(msm_with_repeated_points_and_scalars_hits_doubling_cancel_and_overflow_paths) {
  for (const auto arithmetic : kArithmetics) {
    checkRepeatedPointsAndScalars<G1Curve>(arithmetic);
    checkRepeatedPointsAndScalars<G2Curve>(arithmetic);
  }
}
