#include "key_files.hpp"

#include <array>
#include <string>

namespace proverdesk::testing {

namespace {

struct Writer {
  std::vector<uint8_t> bytes;
  void u32(uint32_t v) { for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>(v >> (8 * i))); }
  void u64(uint64_t v) { for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<uint8_t>(v >> (8 * i))); }
  void u256(const U256& v) {
    std::array<uint8_t, 32> b{};
    v.toBytesLE(b);
    for (const uint8_t byte : b) bytes.push_back(byte);
  }
  void fq(const Fq& v) { u256(v.montgomery()); }
  void g1(const G1Affine& p) { fq(p.x); fq(p.y); }
  void g2(const G2Affine& p) { fq(p.x.c0); fq(p.x.c1); fq(p.y.c0); fq(p.y.c1); }
};

struct FileWriter {
  Writer out;
  FileWriter(const std::string& magic, uint32_t sections) {
    out.bytes.assign(magic.begin(), magic.end());
    out.u32(magic == "wtns" ? 2 : 1);
    out.u32(sections);
  }
  void section(uint32_t type, const Writer& body) {
    out.u32(type);
    out.u64(body.bytes.size());
    out.bytes.insert(out.bytes.end(), body.bytes.begin(), body.bytes.end());
  }
};

G1Affine g1Multiple(uint64_t k) { return G1::fromAffine(G1Curve::generator()).times(U256{{k, 0, 0, 0}}).toAffine(); }
G2Affine g2Multiple(uint64_t k) { return G2::fromAffine(G2Curve::generator()).times(U256{{k, 0, 0, 0}}).toAffine(); }

Writer g1Points(uint32_t count, uint64_t seed) {
  Writer w;
  for (uint32_t i = 0; i < count; ++i) w.g1(g1Multiple(seed + i));
  return w;
}

}  // namespace

std::vector<uint8_t> buildZkey(const SyntheticKey& spec) {
  FileWriter file("zkey", 9);
  Writer header;
  header.u32(spec.protocol);
  file.section(1, header);

  Writer groth;
  groth.u32(32);
  groth.u256(spec.q);
  groth.u32(32);
  groth.u256(spec.r);
  groth.u32(spec.nVars);
  groth.u32(spec.nPublic);
  groth.u32(spec.domainSize);
  groth.g1(g1Multiple(11));
  groth.g1(g1Multiple(12));
  groth.g2(g2Multiple(13));
  groth.g2(g2Multiple(14));
  groth.g1(g1Multiple(15));
  groth.g2(g2Multiple(16));
  file.section(2, groth);

  file.section(3, g1Points(spec.nPublic + 1, 100));
  Writer coefs;
  coefs.u32(static_cast<uint32_t>(spec.coefs.size()));
  for (const auto& c : spec.coefs) {
    coefs.u32(c.matrix);
    coefs.u32(c.constraint);
    coefs.u32(c.signal);
    coefs.u256(c.value);
  }
  file.section(4, coefs);
  Writer a = g1Points(spec.nVars, 200);
  if (spec.offCurvePointInA) a.bytes[40] ^= 1;  // flips a bit of the first point's y
  file.section(5, a);
  file.section(6, g1Points(spec.nVars, 300));
  Writer b2;
  for (uint32_t i = 0; i < spec.nVars; ++i) b2.g2(g2Multiple(400 + i));
  file.section(7, b2);
  file.section(8, g1Points(spec.nVars - spec.nPublic - 1, 500));
  file.section(9, g1Points(spec.domainSize - static_cast<uint32_t>(spec.hPointsMissing), 600));
  return file.out.bytes;
}

std::vector<uint8_t> buildWtns(const std::vector<U256>& values, const U256& prime) {
  FileWriter file("wtns", 2);
  Writer header;
  header.u32(32);
  header.u256(prime);
  header.u32(static_cast<uint32_t>(values.size()));
  file.section(1, header);
  Writer data;
  for (const auto& v : values) data.u256(v);
  file.section(2, data);
  return file.out.bytes;
}

}  // namespace proverdesk::testing
