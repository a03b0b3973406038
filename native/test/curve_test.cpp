#include <random>
#include <vector>

#include "curve/bn254_curves.hpp"
#include "test_random.hpp"
#include "test_support.hpp"

using namespace proverdesk;
using proverdesk::testing::randomBelow;

TEST(generators_are_on_their_curves) {
  CHECK(isOnCurve<G1Curve>(G1Curve::generator()));
  CHECK(isOnCurve<G2Curve>(G2Curve::generator()));
  CHECK(!isOnCurve<G1Curve>(G1Affine{Fq::fromUint(1), Fq::fromUint(3)}));
}

TEST(g1_double_equals_add_and_known_multiple) {
  const G1 g = G1::fromAffine(G1Curve::generator());
  const G1 twoG = g.doubled();
  CHECK(twoG == g + g);
  const G1Affine a = twoG.toAffine();
  CHECK(a.x.toDecimal() == "1368015179489954701390400359078579693043519447331113978918064868415326638035");
  CHECK(a.y.toDecimal() == "9918110051302171585080402603319702774565515993150576347155970296011118125764");
  CHECK(g.times(U256{{2, 0, 0, 0}}) == twoG);
  CHECK(g.times(U256{{5, 0, 0, 0}}) == twoG.doubled() + g);
}

TEST(group_order_annihilates_generators) {
  const U256& r = Fr::modulus();
  CHECK(G1::fromAffine(G1Curve::generator()).times(r).isInfinity());
  CHECK(G2::fromAffine(G2Curve::generator()).times(r).isInfinity());
  U256 rm1;
  subWithBorrow(rm1, r, U256{{1, 0, 0, 0}});
  CHECK(G1::fromAffine(G1Curve::generator()).times(rm1) == G1::fromAffine(G1Curve::generator()).negated());
  CHECK(G2::fromAffine(G2Curve::generator()).times(rm1).toAffine() == G2Curve::generator().negated());
}

TEST(g2_double_equals_add) {
  const G2 g = G2::fromAffine(G2Curve::generator());
  CHECK(g.doubled() == g + g);
  CHECK(isOnCurve<G2Curve>(g.doubled().toAffine()));
  CHECK(g.doubled().addMixed(G2Curve::generator()) == g.doubled() + g);
}

TEST(mixed_add_equals_full_add_including_edge_cases) {
  std::mt19937_64 rng(3);
  const G1 g = G1::fromAffine(G1Curve::generator());
  for (int i = 0; i < 20; ++i) {
    const G1 p = g.times(randomBelow(rng, Fr::modulus()));
    const G1 q = g.times(randomBelow(rng, Fr::modulus()));
    const G1Affine qa = q.toAffine();
    CHECK(isOnCurve<G1Curve>(qa));
    CHECK(p.addMixed(qa) == p + q);
    CHECK(q.addMixed(qa) == q.doubled());
    CHECK(q.addMixed(qa.negated()).isInfinity());
    CHECK(G1::infinity().addMixed(qa) == q);
    CHECK(p.addMixed(G1Affine{}) == p);
    CHECK((p + q) - q == p);
  }
}

TEST(batch_to_affine_matches_single_conversion) {
  std::mt19937_64 rng(4);
  const G1 g = G1::fromAffine(G1Curve::generator());
  std::vector<G1> points;
  for (int i = 0; i < 17; ++i) points.push_back(i % 5 == 2 ? G1::infinity() : g.times(randomBelow(rng, Fr::modulus())));
  const auto affine = batchToAffine<G1Curve>(points);
  for (size_t i = 0; i < points.size(); ++i) CHECK(affine[i] == points[i].toAffine());
}
