#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "engine.hpp"
#include "key_files.hpp"
#include "test_support.hpp"

using namespace proverdesk;
using namespace proverdesk::testing;

namespace {

const std::vector<U256> kWitness{U256{{1, 0, 0, 0}}, U256{{42, 0, 0, 0}}, U256{{6, 0, 0, 0}}, U256{{7, 0, 0, 0}}};

ProveResult proveWith(const std::vector<uint8_t>& zkey, const std::vector<uint8_t>& wtns, unsigned threads, ProveControl* control = nullptr) {
  const auto key = loadProvingKey(zkey);
  return prove(*key, wtns, ProveOptions{threads, control, {}});
}

}  // namespace

TEST(parses_a_well_formed_key) {
  const auto key = loadProvingKey(buildZkey(SyntheticKey{}), 2);
  CHECK(key->nVars == 4 && key->nPublic == 1 && key->domainSize == 4 && key->log2Domain == 2);
  CHECK(key->a.size() == 4 && key->b2.size() == 4 && key->c.size() == 2 && key->h.size() == 4 && key->ic.size() == 2);
  CHECK(key->coefficients.size() == 4);
  CHECK(key->sizeBytes() > 0);
  CHECK(estimateMemory(*key, 2) > 0);
}

TEST(rejects_bad_keys_with_clear_errors) {
  auto bytes = buildZkey(SyntheticKey{});
  auto wrongMagic = bytes;
  wrongMagic[0] = 'x';
  CHECK_THROWS_WITH(loadProvingKey(wrongMagic), "not a proving key file");
  CHECK_THROWS_WITH(loadProvingKey(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 3)), "not a proving key file");
  CHECK_THROWS_WITH(loadProvingKey(std::vector<uint8_t>(bytes.begin(), bytes.end() - 100)), "truncated");
  CHECK_THROWS_WITH(loadProvingKey(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 200)), "truncated");
  SyntheticKey plonk;
  plonk.protocol = 2;
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(plonk)), "not a Groth16 key");
  SyntheticKey otherCurve;
  otherCurve.q = U256{{1, 2, 3, 4}};
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(otherCurve)), "not for the BN254");
  SyntheticKey otherScalar;
  otherScalar.r = Fq::modulus();
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(otherScalar)), "scalar field differs");
  SyntheticKey missingH;
  missingH.hPointsMissing = 1;
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(missingH)), "section H has");
  SyntheticKey offCurve;
  offCurve.offCurvePointInA = true;
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(offCurve)), "not on the BN254 curve");
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(offCurve), 3), "not on the BN254 curve");  // from a worker thread
  SyntheticKey badSignal;
  badSignal.coefs.push_back({0, 0, 9, U256{{1, 0, 0, 0}}});
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(badSignal)), "signal 9");
  SyntheticKey badConstraint;
  badConstraint.coefs.push_back({1, 4, 0, U256{{1, 0, 0, 0}}});
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(badConstraint)), "beyond the domain");
  SyntheticKey badDomain;
  badDomain.domainSize = 3;
  CHECK_THROWS_WITH(loadProvingKey(buildZkey(badDomain)), "power of two");
}

TEST(rejects_bad_witnesses_with_clear_errors) {
  const auto zkey = buildZkey(SyntheticKey{});
  const auto key = loadProvingKey(zkey);
  const auto good = buildWtns(kWitness);
  const ProveOptions options{1, nullptr, {}};
  CHECK_THROWS_WITH(prove(*key, std::vector<uint8_t>(good.begin(), good.end() - 1), options), "truncated");
  auto wrongMagic = good;
  wrongMagic[1] = 'X';
  CHECK_THROWS_WITH(prove(*key, wrongMagic, options), "not a witness file");
  CHECK_THROWS_WITH(prove(*key, buildWtns(kWitness, Fq::modulus()), options), "not for the BN254");
  auto fewer = kWitness;
  fewer.pop_back();
  CHECK_THROWS_WITH(prove(*key, buildWtns(fewer), options), "witness is for another circuit: it has 3 values, the key expects 4");
  auto notField = kWitness;
  notField[2] = Fr::modulus();
  CHECK_THROWS_WITH(prove(*key, buildWtns(notField), options), "value 2 is not a field element");
  CHECK_THROWS_WITH(prove(*key, good, ProveOptions{0, nullptr, {}}), "thread count must be at least 1");
}

TEST(proves_with_progress_and_public_signals) {
  const auto key = loadProvingKey(buildZkey(SyntheticKey{}));
  std::vector<std::pair<Phase, double>> reports;
  const auto result = prove(*key, buildWtns(kWitness), ProveOptions{2, nullptr, [&](Phase p, double f) { reports.emplace_back(p, f); }});
  CHECK(result.publicJson == "[\n \"42\"\n]");
  CHECK(result.proofJson.find("\"protocol\": \"groth16\"") != std::string::npos);
  CHECK(result.proofJson.find("\"curve\": \"bn128\"") != std::string::npos);
  CHECK(result.peakBytes > 0);
  // Phases in order, fractions within [0, 1] and non-decreasing inside a phase, each phase ending at 1.
  bool ordered = true;
  for (size_t i = 1; i < reports.size(); ++i) {
    const auto [pp, pf] = reports[i - 1];
    const auto [p, f] = reports[i];
    if (p == pp ? f < pf : (static_cast<int>(p) < static_cast<int>(pp) || pf != 1.0)) ordered = false;
  }
  CHECK(ordered);
  CHECK(!reports.empty() && reports.front().first == Phase::Witness && reports.back() == std::make_pair(Phase::Finish, 1.0));
  // Fresh blinding for every proof.
  CHECK(prove(*key, buildWtns(kWitness), ProveOptions{1, nullptr, {}}).proofJson != result.proofJson);
}

TEST(cancel_before_and_during_a_proof) {
  const auto zkey = buildZkey(SyntheticKey{});
  const auto wtns = buildWtns(kWitness);
  ProveControl cancelled;
  cancelled.cancel();
  CHECK_THROWS_WITH(proveWith(zkey, wtns, 2, &cancelled), "cancelled");

  // Cancel from inside a progress report: the next checkpoint must stop the proof.
  const auto key = loadProvingKey(zkey);
  ProveControl control;
  ProveOptions options{2, &control, [&](Phase p, double) { if (p == Phase::Ntt) control.cancel(); }};
  bool threwCancelled = false;
  try {
    prove(*key, wtns, options);
  } catch (const Cancelled&) {
    threwCancelled = true;
  }
  CHECK(threwCancelled);
}

TEST(pause_holds_the_proof_until_resume) {
  const auto key = loadProvingKey(buildZkey(SyntheticKey{}));
  const auto wtns = buildWtns(kWitness);
  ProveControl control;
  std::atomic<bool> reachedMsm{false};
  bool pausedOnce = false;
  ProveOptions options{2, &control, [&](Phase p, double) {
                         if (p == Phase::Ntt && !pausedOnce) {
                           pausedOnce = true;
                           control.pause();
                         }
                         if (p == Phase::MsmA) reachedMsm = true;
                       }};
  std::atomic<bool> finished{false};
  std::string publicJson;
  std::jthread prover([&] {
    publicJson = prove(*key, wtns, options).publicJson;
    finished = true;
  });
  // While paused the proof cannot reach the MSM phase; poll a bounded number of times, no timing assertions.
  for (int i = 0; i < 1000 && !control.paused(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(control.paused());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(!reachedMsm && !finished);
  control.resume();
  prover.join();
  CHECK(finished && reachedMsm);
  CHECK(publicJson == "[\n \"42\"\n]");
}

TEST(cpu_info_reports_something) {
  const CpuInfo info = cpuInfo();
  CHECK(info.cores >= 1);
  CHECK(!info.model.empty());
}
