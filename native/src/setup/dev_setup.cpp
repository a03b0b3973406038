#include "setup/dev_setup.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "groth16/random_scalar.hpp"
#include "parallel/worker_pool.hpp"
#include "platform/mapped_file.hpp"
#include "setup/fixed_base.hpp"
#include "setup/lagrange_at_tau.hpp"
#include "setup/r1cs_file.hpp"
#include "setup/zkey_writer.hpp"

namespace proverdesk {

namespace {

enum Section : uint32_t { Header = 1, Groth16Header = 2, IC = 3, Coefficients = 4, A = 5, B1 = 6, B2 = 7, C = 8, H = 9, Contributions = 10 };
constexpr uint32_t kSectionCount = 10;
constexpr uint32_t kGroth16Protocol = 1;
constexpr uint32_t kCheckEvery = 1u << 15;  // constraints between cancel/pause checks in the single-threaded pass

// snarkjs's newZKey: the smallest power of two above nConstraints + nPublic (the extra rows hold one
// constraint per public signal and the constant), as log2(V) + 1 with log2 rounding down.
unsigned domainLog2(uint64_t constraintsAndPublic) {
  unsigned log2 = 0;
  while ((constraintsAndPublic >> (log2 + 1)) != 0) ++log2;
  return log2 + 1;
}

// Montgomery multiplication by R turns a canonical coefficient c into the c·R² that zkeys store.
const Fr& montgomeryR() {
  static const Fr r = Fr::fromCanonical(FrParams::r1);
  return r;
}

void appendCoefficient(std::vector<uint8_t>& out, uint32_t matrix, uint32_t constraint, uint32_t signal, const Fr& coef) {
  appendU32(out, matrix);
  appendU32(out, constraint);
  appendU32(out, signal);
  appendU256(out, (coef * montgomeryR()).montgomery());
}

// The QAP at τ: u_i(τ), v_i(τ), w_i(τ) per wire, and the coefficient section (A and B entries with the
// public-input rows snarkjs appends).
struct QapAtTau {
  std::vector<Fr> u, v, w;
  std::vector<uint8_t> coefficientSection;
};

QapAtTau evaluateQap(const R1csFile& r1cs, const std::vector<Fr>& lagrange, ProveControl* control,
                     const std::function<void(const char*, double)>& progress) {
  const R1csHeader& h = r1cs.header();
  QapAtTau qap{std::vector<Fr>(h.nWires), std::vector<Fr>(h.nWires), std::vector<Fr>(h.nWires), std::vector<uint8_t>(4)};
  uint32_t count = 0;
  uint32_t lastConstraint = UINT32_MAX;
  r1cs.forEachTerm([&](uint32_t constraint, R1csMatrix matrix, uint32_t wire, const U256& value) {
    if (constraint != lastConstraint && constraint % kCheckEvery == 0) {
      if (control) control->checkpoint();
      if (progress) progress("read-r1cs", static_cast<double>(constraint) / h.nConstraints);
    }
    lastConstraint = constraint;
    const Fr coef = Fr::fromCanonical(value);
    const Fr term = coef * lagrange[constraint];
    switch (matrix) {
      case R1csMatrix::A: qap.u[wire] += term; break;
      case R1csMatrix::B: qap.v[wire] += term; break;
      case R1csMatrix::C: qap.w[wire] += term; return;
    }
    appendCoefficient(qap.coefficientSection, static_cast<uint32_t>(matrix), constraint, wire, coef);
    ++count;
  });
  for (uint32_t s = 0; s <= h.nPublic(); ++s) {
    qap.u[s] += lagrange[h.nConstraints + s];
    appendCoefficient(qap.coefficientSection, 0, h.nConstraints + s, s, Fr::one());
    ++count;
  }
  for (int i = 0; i < 4; ++i) qap.coefficientSection[i] = static_cast<uint8_t>(count >> (8 * i));
  if (progress) progress("read-r1cs", 1.0);
  return qap;
}

std::vector<uint8_t> groth16Header(const DevSetupSummary& s, const G1Affine& alpha1, const G1Affine& beta1, const G2Affine& beta2,
                                   const G2Affine& gamma2, const G1Affine& delta1, const G2Affine& delta2) {
  std::vector<uint8_t> out;
  appendU32(out, 32);
  appendU256(out, Fq::modulus());
  appendU32(out, 32);
  appendU256(out, Fr::modulus());
  appendU32(out, s.nVars);
  appendU32(out, s.nPublic);
  appendU32(out, s.domainSize);
  appendG1(out, alpha1);
  appendG1(out, beta1);
  appendG2(out, beta2);
  appendG2(out, gamma2);
  appendG1(out, delta1);
  appendG2(out, delta2);
  return out;
}

// snarkjs's MPC parameters: the circuit hash (left zero: this key comes from no ceremony), then one
// contribution named INSECURE. Its "proof of knowledge" points repeat the public δ·G1 and δ·G2, so
// `snarkjs zkey verify` rejects the key, as it should.
std::vector<uint8_t> contributionSection(const G1Affine& delta1, const G2Affine& delta2) {
  std::vector<uint8_t> out(64, 0);
  appendU32(out, 1);
  appendG1(out, delta1);                  // deltaAfter
  appendG1(out, G1Curve::generator());    // g1_s
  appendG1(out, delta1);                  // g1_sx
  appendG2(out, delta2);                  // g2_spx
  out.insert(out.end(), 64, 0);           // transcript
  appendU32(out, 0);                      // type: contribution
  const std::string name = kDevSetupContributionName;
  appendU32(out, static_cast<uint32_t>(2 + name.size()));
  out.push_back(1);  // parameter: name
  out.push_back(static_cast<uint8_t>(name.size()));
  out.insert(out.end(), name.begin(), name.end());
  return out;
}

}  // namespace

DevSetupSecrets DevSetupSecrets::random() {
  return DevSetupSecrets{randomScalar(), randomScalar(), randomScalar(), randomScalar(), randomScalar()};
}

DevSetupSummary writeDevSetupKey(std::span<const uint8_t> r1csBytes, std::ostream& out, const DevSetupSecrets& secrets,
                                 const DevSetupOptions& options) {
  if (options.threads == 0) throw EngineError("the thread count must be at least 1");
  if (secrets.gamma.isZero() || secrets.delta.isZero() || secrets.alpha.isZero() || secrets.beta.isZero()) {
    throw EngineError("dev-setup secrets must be non-zero");
  }
  ProveControl* control = options.control;
  if (control) control->checkpoint();
  WorkerPool pool(options.threads, control ? std::function<void()>([control] { control->checkpoint(); }) : std::function<void()>());
  const auto& progress = options.onProgress;
  const auto stage = [&progress](const char* name) {
    return std::function<void(double)>([&progress, name](double fraction) {
      if (progress) progress(name, fraction);
    });
  };

  const R1csFile r1cs(r1csBytes);
  const R1csHeader& h = r1cs.header();
  const unsigned log2n = domainLog2(uint64_t{h.nConstraints} + h.nPublic());
  if (log2n + 1 > FrParams::twoAdicity) {
    throw EngineError("the circuit is too big for dev-setup: " + std::to_string(h.nConstraints) + " constraints need a domain over 2^27");
  }
  DevSetupSummary summary{h.nWires, h.nPublic(), h.nConstraints, uint32_t{1} << log2n};

  if (progress) progress("lagrange", 0.0);
  const std::vector<Fr> lagrange = lagrangeAtTau(secrets.tau, log2n, pool);
  if (progress) progress("lagrange", 1.0);
  QapAtTau qap = evaluateQap(r1cs, lagrange, control, progress);

  // K_i = β·u_i + α·v_i + w_i: over γ for public wires (IC), over δ for private ones (C).
  const Fr gammaInverse = secrets.gamma.inverse();
  const Fr deltaInverse = secrets.delta.inverse();
  std::vector<Fr> ic(h.nPublic() + 1), c(h.nWires - h.nPublic() - 1);
  for (uint32_t i = 0; i < h.nWires; ++i) {
    const Fr k = secrets.beta * qap.u[i] + secrets.alpha * qap.v[i] + qap.w[i];
    if (i <= h.nPublic()) ic[i] = k * gammaInverse;
    else c[i - h.nPublic() - 1] = k * deltaInverse;
  }
  std::vector<Fr>().swap(qap.w);
  const std::vector<Fr> hScalars = oddLagrangeAtTau(secrets.tau, secrets.delta, log2n, pool);

  // G1 serves IC, C, A, B1 (3 per wire together) and H; G2 serves B2.
  const size_t g1Scalars = size_t{3} * h.nWires + summary.domainSize;
  const FixedBaseTable<G1Curve> g1(G1Curve::generator(), FixedBaseTable<G1Curve>::windowFor(g1Scalars), pool);
  const FixedBaseTable<G2Curve> g2(G2Curve::generator(), FixedBaseTable<G2Curve>::windowFor(h.nWires), pool);
  const auto g1Times = [&](const Fr& s) { return g1.times(s.canonical()).toAffine(); };
  const auto g2Times = [&](const Fr& s) { return g2.times(s.canonical()).toAffine(); };
  const G1Affine delta1 = g1Times(secrets.delta);
  const G2Affine delta2 = g2Times(secrets.delta);

  ZkeyWriter writer(out, kSectionCount);
  std::vector<uint8_t> protocol;
  appendU32(protocol, kGroth16Protocol);
  writer.section(Header, protocol);
  writer.section(Groth16Header, groth16Header(summary, g1Times(secrets.alpha), g1Times(secrets.beta), g2Times(secrets.beta),
                                              g2Times(secrets.gamma), delta1, delta2));
  writer.section(Coefficients, qap.coefficientSection);
  std::vector<uint8_t>().swap(qap.coefficientSection);
  // Same section order as snarkjs's newZKey.
  writer.section(IC, g1Section(fixedBaseMultiply<G1Curve>(g1, ic, pool, stage("points-ic"))));
  writer.section(H, g1Section(fixedBaseMultiply<G1Curve>(g1, hScalars, pool, stage("points-h"))));
  writer.section(C, g1Section(fixedBaseMultiply<G1Curve>(g1, c, pool, stage("points-c"))));
  writer.section(A, g1Section(fixedBaseMultiply<G1Curve>(g1, qap.u, pool, stage("points-a"))));
  writer.section(B1, g1Section(fixedBaseMultiply<G1Curve>(g1, qap.v, pool, stage("points-b1"))));
  writer.section(B2, g2Section(fixedBaseMultiply<G2Curve>(g2, qap.v, pool, stage("points-b2"))));
  writer.section(Contributions, contributionSection(delta1, delta2));
  out.flush();
  if (!out) throw EngineError("cannot write the proving key (disk full or not writable?)");
  return summary;
}

DevSetupSummary devSetup(const std::string& r1csPath, const std::string& zkeyPath, const DevSetupOptions& options) {
  const MappedFile r1cs(r1csPath, "constraint system (.r1cs)");
  const std::string partial = zkeyPath + ".partial";
  try {
    DevSetupSummary summary;
    {
      std::ofstream out(partial, std::ios::binary | std::ios::trunc);
      if (!out) throw EngineError("cannot create the proving key file " + partial);
      summary = writeDevSetupKey(r1cs.bytes(), out, DevSetupSecrets::random(), options);
    }
    std::error_code error;
    std::filesystem::rename(partial, zkeyPath, error);  // replaces an existing file, on Windows too
    if (error) throw EngineError("cannot move the proving key into place at " + zkeyPath + ": " + error.message());
    return summary;
  } catch (...) {
    std::remove(partial.c_str());
    throw;
  }
}

}  // namespace proverdesk
