#include "groth16/proving_key.hpp"

#include <algorithm>
#include <atomic>
#include <string>

#include "engine_error.hpp"
#include "groth16/bin_file.hpp"
#include "groth16/byte_reader.hpp"
#include "parallel/worker_pool.hpp"

namespace proverdesk {

namespace {

constexpr uint32_t kGroth16Protocol = 1;
constexpr size_t kCoefficientGroups = 256;
constexpr size_t kFieldBytes = 32;
constexpr size_t kG1Bytes = 2 * kFieldBytes;
constexpr size_t kG2Bytes = 4 * kFieldBytes;

enum Section : uint32_t { Header = 1, Groth16Header = 2, IC = 3, Coefficients = 4, A = 5, B1 = 6, B2 = 7, C = 8, H = 9 };

const char* sectionName(uint32_t s) {
  switch (s) {
    case IC: return "IC";
    case A: return "A";
    case B1: return "B1";
    case B2: return "B2";
    case C: return "C";
    case H: return "H";
    default: return "?";
  }
}

Fq readFq(ByteReader& r, const char* where) {
  const U256 raw = r.u256();
  if (!(raw < Fq::modulus())) throw EngineError(std::string("proving key is corrupted: a coordinate in ") + where + " is not a field element");
  return Fq::fromMontgomery(raw);
}

G1Affine readG1(ByteReader& r, const char* where) {
  G1Affine p;
  p.x = readFq(r, where);
  p.y = readFq(r, where);
  if (!isOnCurve<G1Curve>(p)) throw EngineError(std::string("proving key is corrupted: a point in ") + where + " is not on the BN254 curve");
  return p;
}

G2Affine readG2(ByteReader& r, const char* where) {
  G2Affine p;
  p.x.c0 = readFq(r, where);
  p.x.c1 = readFq(r, where);
  p.y.c0 = readFq(r, where);
  p.y.c1 = readFq(r, where);
  if (!isOnCurve<G2Curve>(p)) throw EngineError(std::string("proving key is corrupted: a point in ") + where + " is not on the BN254 twist");
  return p;
}

// Points are decoded and checked in parallel chunks.
template <class Point, class Read>
HugePageVector<Point> readPoints(const BinFile& file, uint32_t section, size_t count, size_t pointBytes, Read read, WorkerPool& pool) {
  const auto bytes = file.section(section);
  if (bytes.size() != count * pointBytes) {
    throw EngineError(std::string("proving key section ") + sectionName(section) + " has " + std::to_string(bytes.size()) +
                      " bytes, expected " + std::to_string(count * pointBytes) + " (truncated or inconsistent key)");
  }
  constexpr size_t kChunk = 4096;
  HugePageVector<Point> points(count);
  pool.run((count + kChunk - 1) / kChunk, [&](size_t chunk) {
    const size_t begin = chunk * kChunk;
    const size_t end = std::min(count, begin + kChunk);
    ByteReader r(bytes.subspan(begin * pointBytes, (end - begin) * pointBytes), "proving key");
    for (size_t i = begin; i < end; ++i) points[i] = read(r, sectionName(section));
  });
  return points;
}

void readHeaders(const BinFile& file, ProvingKey& key) {
  ByteReader header(file.section(Header), "proving key header");
  if (header.u32() != kGroth16Protocol) throw EngineError("proving key is not a Groth16 key (PLONK and FFLONK keys are not supported)");

  ByteReader g(file.section(Groth16Header), "proving key Groth16 header");
  const uint32_t n8q = g.u32();
  if (n8q != kFieldBytes || !(g.u256() == Fq::modulus())) throw EngineError("proving key is not for the BN254 (bn128) curve: its base field differs");
  const uint32_t n8r = g.u32();
  if (n8r != kFieldBytes || !(g.u256() == Fr::modulus())) throw EngineError("proving key is not for the BN254 (bn128) curve: its scalar field differs");
  key.nVars = g.u32();
  key.nPublic = g.u32();
  key.domainSize = g.u32();
  if (key.domainSize == 0 || (key.domainSize & (key.domainSize - 1)) != 0) throw EngineError("proving key is corrupted: domain size is not a power of two");
  while ((uint32_t{1} << key.log2Domain) < key.domainSize) ++key.log2Domain;
  if (key.log2Domain > FrParams::twoAdicity) throw EngineError("proving key domain is larger than BN254 supports (2^28)");
  if (key.nVars == 0 || key.nPublic >= key.nVars) throw EngineError("proving key is corrupted: it has " + std::to_string(key.nPublic) + " public signals and " + std::to_string(key.nVars) + " variables");
  key.alpha1 = readG1(g, "alpha1");
  key.beta1 = readG1(g, "beta1");
  key.beta2 = readG2(g, "beta2");
  key.gamma2 = readG2(g, "gamma2");
  key.delta1 = readG1(g, "delta1");
  key.delta2 = readG2(g, "delta2");
}

void readCoefficients(const BinFile& file, ProvingKey& key) {
  ByteReader r(file.section(Coefficients), "proving key coefficient section");
  const uint32_t count = r.u32();
  constexpr size_t kEntryBytes = 12 + kFieldBytes;
  if (r.remaining() != size_t{count} * kEntryBytes) throw EngineError("proving key coefficient section has the wrong size for " + std::to_string(count) + " coefficients");

  const auto groupOf = [&](uint32_t constraint) { return static_cast<size_t>(uint64_t{constraint} * kCoefficientGroups / key.domainSize); };
  HugePageVector<QapCoefficient> parsed(count);
  std::vector<size_t> groupCount(kCoefficientGroups + 1, 0);
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t matrix = r.u32();
    const uint32_t constraint = r.u32();
    const uint32_t signal = r.u32();
    const U256 value = r.u256();
    if (matrix > 1) throw EngineError("proving key is corrupted: coefficient " + std::to_string(i) + " names matrix " + std::to_string(matrix));
    if (constraint >= key.domainSize) throw EngineError("proving key is corrupted: coefficient " + std::to_string(i) + " is for constraint " + std::to_string(constraint) + " beyond the domain");
    if (signal >= key.nVars) throw EngineError("proving key is corrupted: coefficient " + std::to_string(i) + " is for signal " + std::to_string(signal) + " beyond the " + std::to_string(key.nVars) + " variables");
    if (!(value < Fr::modulus())) throw EngineError("proving key is corrupted: coefficient " + std::to_string(i) + " is not a field element");
    parsed[i] = QapCoefficient{constraint | (matrix == 1 ? QapCoefficient::kMatrixB : 0u), signal, Fr::fromMontgomery(value)};
    ++groupCount[groupOf(constraint) + 1];
  }
  // Counting sort by constraint group (stable), so each group can be built by one thread without locks.
  key.groupStart.assign(kCoefficientGroups + 1, 0);
  for (size_t k = 0; k < kCoefficientGroups; ++k) key.groupStart[k + 1] = key.groupStart[k] + groupCount[k + 1];
  std::vector<size_t> cursor(key.groupStart.begin(), key.groupStart.end() - 1);
  key.coefficients.resize(count);
  for (const auto& coef : parsed) key.coefficients[cursor[groupOf(coef.constraintAndMatrix & ~QapCoefficient::kMatrixB)]++] = coef;
}

}  // namespace

uint64_t newProvingKeyId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

size_t ProvingKey::sizeBytes() const {
  return sizeof(*this) + (ic.size() + a.size() + b1.size() + c.size() + h.size()) * sizeof(G1Affine) + b2.size() * sizeof(G2Affine) +
         coefficients.size() * sizeof(QapCoefficient) + groupStart.size() * sizeof(size_t);
}

std::shared_ptr<const ProvingKey> parseProvingKey(std::span<const uint8_t> zkeyBytes, unsigned threads) {
  WorkerPool pool(threads == 0 ? 1 : threads);
  const BinFile file(zkeyBytes, "zkey", "proving key");
  auto key = std::make_shared<ProvingKey>();
  readHeaders(file, *key);
  const size_t nPrivate = key->nVars - key->nPublic - 1;
  key->ic = readPoints<G1Affine>(file, IC, key->nPublic + 1, kG1Bytes, readG1, pool);
  readCoefficients(file, *key);
  key->a = readPoints<G1Affine>(file, A, key->nVars, kG1Bytes, readG1, pool);
  key->b1 = readPoints<G1Affine>(file, B1, key->nVars, kG1Bytes, readG1, pool);
  key->b2 = readPoints<G2Affine>(file, B2, key->nVars, kG2Bytes, readG2, pool);
  key->c = readPoints<G1Affine>(file, C, nPrivate, kG1Bytes, readG1, pool);
  key->h = readPoints<G1Affine>(file, H, key->domainSize, kG1Bytes, readG1, pool);
  return key;
}

}  // namespace proverdesk
