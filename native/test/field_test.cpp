#include <array>
#include <random>

#include "field/bn254.hpp"
#include "field/fq2.hpp"
#include "test_random.hpp"
#include "test_support.hpp"

using namespace proverdesk;
using proverdesk::testing::randomElement;

TEST(fq_known_product_and_inverse) {
  const Fq a = Fq::fromDecimal("8234104122482341265491137074636836252947884782870784360943022469005013929455");
  const Fq b = Fq::fromDecimal("21888242871839275222246405745257275088696311157297823662689037894645226196238");
  CHECK((a * b).toDecimal() == "20872747648930484846467500328299244352727681108557977348968640760178779746060");
  CHECK(a.inverse().toDecimal() == "4236190966192532763373862968782247950757172401624675609010099317049071846913");
}

TEST(fr_known_square_and_inverse) {
  const Fr a = Fr::fromDecimal("28143910578514353078860098621243643802670988306529015793508979106167140895");
  CHECK(a.squared().toDecimal() == "7667414928697649057386317155400136915224222935225247274923495549141862064938");
  CHECK(a.inverse().toDecimal() == "16561635410859478697977185968999269379428107972502878024207236647480589482928");
}

TEST(small_integer_arithmetic) {
  CHECK((Fq::fromUint(123456789) * Fq::fromUint(987654321)).toDecimal() == "121932631112635269");
  CHECK((Fr::fromUint(5) - Fr::fromUint(7)).toDecimal() ==
        "21888242871839275222246405745257275088548364400416034343698204186575808495615");
  CHECK((-Fr::zero()).isZero());
}

TEST(modulus_minus_one_plus_one_is_zero) {
  const Fq pm1 = Fq::fromDecimal("21888242871839275222246405745257275088696311157297823662689037894645226208582");
  CHECK((pm1 + Fq::one()).isZero());
  CHECK((pm1 * pm1) == Fq::one());
  const Fr rm1 = Fr::fromDecimal("21888242871839275222246405745257275088548364400416034343698204186575808495616");
  CHECK((rm1 + Fr::one()).isZero());
  CHECK(rm1 == -Fr::one());
}

TEST(random_inverses_and_round_trips) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200; ++i) {
    const Fq a = randomElement<Fq>(rng);
    const Fr b = randomElement<Fr>(rng);
    if (!a.isZero()) CHECK(a * a.inverse() == Fq::one());
    if (!b.isZero()) CHECK(b * b.inverse() == Fr::one());
    CHECK(Fq::fromCanonical(a.canonical()) == a);
    CHECK(Fq::fromMontgomery(a.montgomery()) == a);
    CHECK(Fr::fromDecimal(b.toDecimal()) == b);
    std::array<uint8_t, 32> bytes{};
    a.canonical().toBytesLE(bytes);
    CHECK(Fq::fromCanonical(U256::fromBytesLE(bytes)) == a);
    CHECK(a - a == Fq::zero());
    CHECK(a + (-a) == Fq::zero());
  }
}

TEST(pow_matches_repeated_multiplication) {
  const Fr x = Fr::fromUint(3);
  Fr acc = Fr::one();
  for (int i = 0; i < 77; ++i) acc *= x;
  CHECK(x.pow(U256{{77, 0, 0, 0}}) == acc);
  // Fermat: x^(r-1) = 1
  U256 e;
  subWithBorrow(e, Fr::modulus(), U256{{1, 0, 0, 0}});
  CHECK(x.pow(e) == Fr::one());
}

TEST(bad_inputs_are_rejected) {
  CHECK_THROWS_WITH(Fq::fromDecimal("21888242871839275222246405745257275088696311157297823662689037894645226208583"),
                    "not below the modulus");
  CHECK_THROWS_WITH(Fr::fromDecimal("12a"), "not a decimal number");
  CHECK_THROWS_WITH(Fr::fromDecimal(""), "empty");
  CHECK_THROWS_WITH(Fq::zero().inverse(), "inverse of zero");
  CHECK_THROWS_WITH(U256::fromDecimal("1" + std::string(80, '0')), "256 bits");
}

TEST(fq2_arithmetic) {
  std::mt19937_64 rng(2);
  for (int i = 0; i < 50; ++i) {
    const Fq2 a{randomElement<Fq>(rng), randomElement<Fq>(rng)};
    const Fq2 b{randomElement<Fq>(rng), randomElement<Fq>(rng)};
    CHECK(a * a.inverse() == Fq2::one());
    CHECK(a.squared() == a * a);
    CHECK((a + b) * (a - b) == a.squared() - b.squared());
  }
  const Fq2 u{Fq::zero(), Fq::one()};
  CHECK(u * u == -Fq2::one());
}

// squared() has its own BMI2/ADX routine; it must agree with multiplication, including at the top of the range.
TEST(squaring_matches_multiplication) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    const Fq a = randomElement<Fq>(rng);
    const Fr b = randomElement<Fr>(rng);
    CHECK(a.squared() == a * a);
    CHECK(b.squared() == b * b);
  }
  const Fq pm1 = -Fq::one();
  const Fr rm1 = -Fr::one();
  CHECK(pm1.squared() == Fq::one());
  CHECK(rm1.squared() == Fr::one());
  CHECK((pm1 - Fq::one()).squared() == Fq::fromUint(4));
  CHECK(Fq::zero().squared().isZero());
}
