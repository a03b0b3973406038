#include <random>
#include <vector>

#include "ntt/ntt.hpp"
#include "test_random.hpp"
#include "test_support.hpp"

using namespace proverdesk;
using proverdesk::testing::randomElement;

namespace {

std::vector<Fr> naiveDft(const std::vector<Fr>& in, const Fr& w) {
  std::vector<Fr> out(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const Fr wi = w.pow(U256{{i, 0, 0, 0}});
    Fr acc = Fr::zero();
    Fr x = Fr::one();
    for (size_t j = 0; j < in.size(); ++j) {
      acc += in[j] * x;
      x *= wi;
    }
    out[i] = acc;
  }
  return out;
}

std::vector<Fr> randomVector(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fr> v(n);
  for (auto& x : v) x = randomElement<Fr>(rng);
  return v;
}

}  // namespace

TEST(roots_of_unity_have_the_right_order) {
  // The 2^28 root ffjavascript uses for bn128 Fr.
  CHECK(rootOfUnity(28).toDecimal() == "19103219067921713944291392827692070036145651957329286315305642004821462161904");
  for (unsigned k : {1u, 5u, 12u, 28u}) {
    const Fr w = rootOfUnity(k);
    Fr x = w;
    for (unsigned i = 1; i < k; ++i) x = x.squared();
    CHECK(x == -Fr::one());  // w^(2^(k-1)) = -1: primitive
  }
  CHECK_THROWS_WITH(rootOfUnity(29), "no root of unity");
}

TEST(ntt_matches_naive_dft) {
  for (unsigned k : {0u, 1u, 2u, 3u, 6u}) {
    for (unsigned threads : {1u, 3u}) {
      WorkerPool pool(threads);
      const NttDomain domain(k);
      auto v = randomVector(domain.size(), 100 + k);
      const auto expected = naiveDft(v, rootOfUnity(k));
      domain.forward(v, pool);
      CHECK(v == expected);
    }
  }
}

TEST(inverse_ntt_round_trips_on_blocked_sizes) {
  for (unsigned k : {4u, 12u, 15u}) {
    for (unsigned threads : {1u, 2u, 3u}) {
      WorkerPool pool(threads);
      const NttDomain domain(k);
      const auto original = randomVector(domain.size(), 200 + k);
      auto v = original;
      domain.forward(v, pool);
      CHECK(v != original);
      domain.inverse(v, pool);
      CHECK(v == original);
    }
  }
}

TEST(large_ntt_matches_naive_at_sampled_points) {
  // Beyond the block size the later stages run as separate parallel passes: check some outputs directly.
  const unsigned k = 13;
  WorkerPool pool(2);
  const NttDomain domain(k);
  const auto in = randomVector(domain.size(), 300);
  auto out = in;
  domain.forward(out, pool);
  const Fr w = rootOfUnity(k);
  for (size_t i : {size_t{0}, size_t{1}, size_t{4095}, size_t{8191}}) {
    const Fr wi = w.pow(U256{{i, 0, 0, 0}});
    Fr acc = Fr::zero();
    Fr x = Fr::one();
    for (const Fr& c : in) {
      acc += c * x;
      x *= wi;
    }
    CHECK(out[i] == acc);
  }
}

TEST(scale_by_powers) {
  WorkerPool pool(2);
  std::vector<Fr> v(20000, Fr::one());
  scaleByPowers(v, Fr::fromUint(3), Fr::fromUint(7), pool);
  CHECK(v[0] == Fr::fromUint(3));
  CHECK(v[19999] == Fr::fromUint(3) * Fr::fromUint(7).pow(U256{{19999, 0, 0, 0}}));
  CHECK(v[12345] == Fr::fromUint(3) * Fr::fromUint(7).pow(U256{{12345, 0, 0, 0}}));
}
