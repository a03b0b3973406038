// dev-setup: the key's sections hold exactly the multiples of the generators that the chosen secrets give,
// computed here independently (Lagrange basis by its product formula), and the engine can prove with it.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "engine.hpp"
#include "key_files.hpp"
#include "ntt/ntt.hpp"
#include "setup/dev_setup.hpp"
#include "test_support.hpp"

using namespace proverdesk;
using namespace proverdesk::testing;

namespace {

struct Term {
  uint32_t wire;
  uint64_t coef;
};
struct Constraint {
  std::vector<Term> a, b, c;
};

// Wires: 0 = 1, 1 = out (public output), 2 = p (public input), 3 = x, 4 = y.
// x·y = out;  (2p + 3)·1 = y
const std::vector<Constraint> kConstraints{{{{3, 1}}, {{4, 1}}, {{1, 1}}}, {{{2, 2}, {0, 3}}, {{0, 1}}, {{4, 1}}}};
constexpr uint32_t kWires = 5, kOutputs = 1, kPubInputs = 1, kPublic = 2;
const std::vector<U256> kWitness{U256{{1, 0, 0, 0}}, U256{{66, 0, 0, 0}}, U256{{4, 0, 0, 0}}, U256{{6, 0, 0, 0}}, U256{{11, 0, 0, 0}}};

void put32(std::vector<uint8_t>& out, uint64_t v, int bytes = 4) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put256(std::vector<uint8_t>& out, const U256& v) {
  for (uint64_t limb : v.limb) put32(out, limb, 8);
}

std::vector<uint8_t> buildR1cs(const std::vector<Constraint>& constraints, U256 prime = Fr::modulus(), uint32_t wires = kWires) {
  std::vector<uint8_t> header, body;
  put32(header, 32);
  put256(header, prime);
  put32(header, wires);
  put32(header, kOutputs);
  put32(header, kPubInputs);
  put32(header, wires - 1 - kPublic);
  put32(header, wires, 8);
  put32(header, constraints.size());
  for (const auto& c : constraints) {
    for (const auto* lc : {&c.a, &c.b, &c.c}) {
      put32(body, lc->size());
      for (const Term& t : *lc) {
        put32(body, t.wire);
        put256(body, U256{{t.coef, 0, 0, 0}});
      }
    }
  }
  std::vector<uint8_t> file{'r', '1', 'c', 's'};
  put32(file, 1);
  put32(file, 2);
  for (auto [type, bytes] : {std::pair{1u, &header}, std::pair{2u, &body}}) {
    put32(file, type);
    put32(file, bytes->size(), 8);
    file.insert(file.end(), bytes->begin(), bytes->end());
  }
  return file;
}

const DevSetupSecrets kSecrets{Fr::fromUint(1234567), Fr::fromUint(3), Fr::fromUint(5), Fr::fromUint(7), Fr::fromUint(13)};

// L_j(τ) = Π_{k≠j} (τ − x_k)/(x_j − x_k) over the points x_k = shift·ω^k.
Fr lagrangeByProduct(size_t j, size_t size, unsigned log2Size, const Fr& shift, const Fr& tau) {
  const Fr omega = rootOfUnity(log2Size);
  std::vector<Fr> x(size);
  Fr acc = shift;
  for (size_t k = 0; k < size; ++k, acc *= omega) x[k] = acc;
  Fr num = Fr::one(), den = Fr::one();
  for (size_t k = 0; k < size; ++k) {
    if (k == j) continue;
    num *= tau - x[k];
    den *= x[j] - x[k];
  }
  return num * den.inverse();
}

G1Affine g1(const Fr& s) { return G1::fromAffine(G1Curve::generator()).times(s.canonical()).toAffine(); }
G2Affine g2(const Fr& s) { return G2::fromAffine(G2Curve::generator()).times(s.canonical()).toAffine(); }

std::vector<uint8_t> setUp(const std::vector<uint8_t>& r1cs, unsigned threads = 2) {
  std::ostringstream out;
  DevSetupOptions options;
  options.threads = threads;
  writeDevSetupKey(r1cs, out, kSecrets, options);
  const std::string s = out.str();
  return std::vector<uint8_t>(s.begin(), s.end());
}

}  // namespace

TEST(dev_setup_key_holds_the_expected_multiples) {
  const auto key = loadProvingKey(setUp(buildR1cs(kConstraints)));
  // nConstraints + nPublic = 4 → domain 8, as snarkjs's newZKey picks.
  CHECK(key->nVars == kWires && key->nPublic == kPublic && key->domainSize == 8);
  const auto& [tau, alpha, beta, gamma, delta] = kSecrets;
  CHECK(key->alpha1 == g1(alpha) && key->beta1 == g1(beta) && key->beta2 == g2(beta));
  CHECK(key->gamma2 == g2(gamma) && key->delta1 == g1(delta) && key->delta2 == g2(delta));

  std::vector<Fr> u(kWires), v(kWires), w(kWires);
  for (size_t c = 0; c < kConstraints.size(); ++c) {
    const Fr l = lagrangeByProduct(c, 8, 3, Fr::one(), tau);
    for (const Term& t : kConstraints[c].a) u[t.wire] += Fr::fromUint(t.coef) * l;
    for (const Term& t : kConstraints[c].b) v[t.wire] += Fr::fromUint(t.coef) * l;
    for (const Term& t : kConstraints[c].c) w[t.wire] += Fr::fromUint(t.coef) * l;
  }
  for (uint32_t s = 0; s <= kPublic; ++s) u[s] += lagrangeByProduct(kConstraints.size() + s, 8, 3, Fr::one(), tau);

  for (uint32_t i = 0; i < kWires; ++i) {
    CHECK(key->a[i] == g1(u[i]));
    CHECK(key->b1[i] == g1(v[i]));
    CHECK(key->b2[i] == g2(v[i]));
    const Fr k = beta * u[i] + alpha * v[i] + w[i];
    if (i <= kPublic) CHECK(key->ic[i] == g1(k * gamma.inverse()));
    else CHECK(key->c[i - kPublic - 1] == g1(k * delta.inverse()));
  }
  for (size_t i = 0; i < 8; ++i) {
    // The odd points of the 16-domain, where snarkjs's prover evaluates A·B − C.
    CHECK(key->h[i] == g1(lagrangeByProduct(2 * i + 1, 16, 4, Fr::one(), tau) * delta.inverse()));
  }
  // Coefficients: the A and B terms (3 + 2) and one A row per public signal and the constant, each c·R².
  CHECK(key->coefficients.size() == 5 + kPublic + 1);
  bool sawTwo = false;
  for (const auto& coef : key->coefficients) {
    const Fr value = coef.value * Fr::fromMontgomery(U256{{1, 0, 0, 0}});
    if (coef.signal == 2 && (coef.constraintAndMatrix & ~QapCoefficient::kMatrixB) == 1) sawTwo = value == Fr::fromUint(2);
  }
  CHECK(sawTwo);
}

TEST(dev_setup_key_does_not_depend_on_threads_and_proves) {
  const auto r1cs = buildR1cs(kConstraints);
  const auto one = setUp(r1cs, 1);
  CHECK(one == setUp(r1cs, 3));
  const std::string text(one.begin(), one.end());
  CHECK(text.find(kDevSetupContributionName) != std::string::npos);
  const auto key = loadProvingKey(one);
  const auto result = prove(*key, buildWtns(kWitness), ProveOptions{2, nullptr, {}});
  CHECK(result.publicJson.find("\"66\"") != std::string::npos && result.publicJson.find("\"4\"") != std::string::npos);
}

TEST(dev_setup_rejects_bad_r1cs_with_clear_errors) {
  const auto good = buildR1cs(kConstraints);
  CHECK_THROWS_WITH(setUp(std::vector<uint8_t>(good.begin(), good.end() - 10)), "truncated");
  CHECK_THROWS_WITH(setUp(std::vector<uint8_t>(good.begin(), good.begin() + 30)), "truncated");
  auto garbage = good;
  garbage[1] = 'x';
  CHECK_THROWS_WITH(setUp(garbage), "not a constraint system (.r1cs) file");
  CHECK_THROWS_WITH(setUp(buildR1cs(kConstraints, Fq::modulus())), "not over the BN254");
  CHECK_THROWS_WITH(setUp(buildR1cs({{{{7, 1}}, {}, {}}})), "uses wire 7 of 5");
  CHECK_THROWS_WITH(setUp(buildR1cs(kConstraints, Fr::modulus(), 2)), "public signals among 2 wires");
  std::ostringstream out;
  CHECK_THROWS_WITH(writeDevSetupKey(good, out, kSecrets, DevSetupOptions{0, nullptr, {}}), "at least 1");
  ProveControl control;
  control.cancel();
  CHECK_THROWS_WITH(writeDevSetupKey(good, out, kSecrets, DevSetupOptions{1, &control, {}}), "cancelled");
}

TEST(dev_setup_file_is_written_whole_or_not_at_all) {
  const auto dir = std::filesystem::temp_directory_path() / ("pd-setup-test-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  const auto r1csPath = (dir / "c.r1cs").string();
  const auto zkeyPath = (dir / "c.zkey").string();
  const auto good = buildR1cs(kConstraints);
  std::ofstream(r1csPath, std::ios::binary).write(reinterpret_cast<const char*>(good.data()), static_cast<std::streamsize>(good.size() - 5));
  CHECK_THROWS_WITH(devSetup(r1csPath, zkeyPath, DevSetupOptions{}), "truncated");
  CHECK(!std::filesystem::exists(zkeyPath) && !std::filesystem::exists(zkeyPath + ".partial"));
  CHECK_THROWS_WITH(devSetup((dir / "missing.r1cs").string(), zkeyPath, DevSetupOptions{}), "missing.r1cs");
  std::ofstream(r1csPath, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(good.data()), static_cast<std::streamsize>(good.size()));
  const auto summary = devSetup(r1csPath, zkeyPath, DevSetupOptions{});
  CHECK(summary.domainSize == 8 && summary.nConstraints == 2);
  CHECK(loadProvingKeyFile(zkeyPath)->nVars == kWires);
  std::filesystem::remove_all(dir);
}
