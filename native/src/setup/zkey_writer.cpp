#include "setup/zkey_writer.hpp"

#include "engine_error.hpp"

namespace proverdesk {

namespace {

void writeLittleEndian(std::ostream& out, uint64_t v, int bytes) {
  char b[8];
  for (int i = 0; i < bytes; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.write(b, bytes);
}

}  // namespace

ZkeyWriter::ZkeyWriter(std::ostream& out, uint32_t sectionCount) : out_(out) {
  out_.write("zkey", 4);
  writeLittleEndian(out_, 1, 4);  // version
  writeLittleEndian(out_, sectionCount, 4);
}

void ZkeyWriter::section(uint32_t type, std::span<const uint8_t> bytes) {
  writeLittleEndian(out_, type, 4);
  writeLittleEndian(out_, bytes.size(), 8);
  out_.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out_) throw EngineError("cannot write the proving key (disk full or not writable?)");
}

void appendU32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void appendU256(std::vector<uint8_t>& out, const U256& v) {
  const size_t at = out.size();
  out.resize(at + 32);
  v.toBytesLE(std::span<uint8_t>(out).subspan(at, 32));
}

void appendG1(std::vector<uint8_t>& out, const G1Affine& p) {
  appendU256(out, p.x.montgomery());
  appendU256(out, p.y.montgomery());
}

void appendG2(std::vector<uint8_t>& out, const G2Affine& p) {
  for (const Fq* f : {&p.x.c0, &p.x.c1, &p.y.c0, &p.y.c1}) appendU256(out, f->montgomery());
}

std::vector<uint8_t> g1Section(std::span<const G1Affine> points) {
  std::vector<uint8_t> out;
  out.reserve(points.size() * 64);
  for (const auto& p : points) appendG1(out, p);
  return out;
}

std::vector<uint8_t> g2Section(std::span<const G2Affine> points) {
  std::vector<uint8_t> out;
  out.reserve(points.size() * 128);
  for (const auto& p : points) appendG2(out, p);
  return out;
}

}  // namespace proverdesk
