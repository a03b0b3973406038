#include "groth16/proof_json.hpp"

#include <vector>

namespace proverdesk {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// Nested arrays of decimal strings in snarkjs's one-space indentation.
std::string array(const std::vector<std::string>& items, int indent) {
  const std::string pad(static_cast<size_t>(indent + 1), ' ');
  std::string out = "[\n";
  for (size_t i = 0; i < items.size(); ++i) out += pad + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
  return out + std::string(static_cast<size_t>(indent), ' ') + "]";
}

// snarkjs's toObject of an affine point: [x, y, "1"], and [0, 1, 0] for infinity.
std::vector<std::string> g1Coordinates(const G1& p) {
  if (p.isInfinity()) return {quoted("0"), quoted("1"), quoted("0")};
  const G1Affine a = p.toAffine();
  return {quoted(a.x.toDecimal()), quoted(a.y.toDecimal()), quoted("1")};
}

std::string fq2(const Fq2& v, int indent) { return array({quoted(v.c0.toDecimal()), quoted(v.c1.toDecimal())}, indent); }

std::vector<std::string> g2Coordinates(const G2& p, int indent) {
  const Fq2 zero = Fq2::zero();
  const Fq2 one = Fq2::one();
  if (p.isInfinity()) return {fq2(zero, indent), fq2(one, indent), fq2(zero, indent)};
  const G2Affine a = p.toAffine();
  return {fq2(a.x, indent), fq2(a.y, indent), fq2(one, indent)};
}

}  // namespace

std::string proofJson(const G1& piA, const G2& piB, const G1& piC) {
  std::string out = "{\n";
  out += " \"pi_a\": " + array(g1Coordinates(piA), 1) + ",\n";
  out += " \"pi_b\": " + array(g2Coordinates(piB, 2), 1) + ",\n";
  out += " \"pi_c\": " + array(g1Coordinates(piC), 1) + ",\n";
  out += " \"protocol\": \"groth16\",\n";
  out += " \"curve\": \"bn128\"\n";
  return out + "}";
}

std::string publicSignalsJson(std::span<const U256> signals) {
  if (signals.empty()) return "[]";
  std::vector<std::string> items;
  for (const auto& s : signals) items.push_back(quoted(s.toDecimal()));
  return array(items, 0);
}

}  // namespace proverdesk
