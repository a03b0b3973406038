// prove_cli <zkey> <wtns> <proof.json> <public.json> [threads]
// Proves like `snarkjs groth16 prove` and prints the time of each phase, for checks against snarkjs.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "engine.hpp"
#include "platform/mapped_file.hpp"

namespace {

void writeFile(const char* path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw proverdesk::EngineError(std::string("cannot write ") + path);
}

const char* phaseLabel(proverdesk::Phase p) {
  static const char* labels[] = {"load-key", "witness", "build-abc", "upload", "ntt", "msm-a", "msm-b2", "msm-b1", "msm-c", "msm-h", "finish"};
  return labels[static_cast<size_t>(p)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5 || argc > 6) {
    std::fprintf(stderr, "usage: %s <zkey> <wtns> <proof.json> <public.json> [threads]\n", argv[0]);
    return 2;
  }
  try {
    const unsigned threads = argc == 6 ? static_cast<unsigned>(std::stoul(argv[5])) : 1;
    const auto started = std::chrono::steady_clock::now();
    const auto key = proverdesk::loadProvingKeyFile(argv[1], threads);
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    proverdesk::ProveOptions options;
    options.threads = threads;
    const proverdesk::MappedFile witness(argv[2], "witness");
    auto result = proverdesk::prove(*key, witness.bytes(), options);
    result.times.loadKeyMs = loadMs;
    writeFile(argv[3], result.proofJson);
    writeFile(argv[4], result.publicJson);
    for (const auto& [phase, ms] : result.times.entries()) std::printf("%-10s %9.1f ms\n", phaseLabel(phase), ms);
    std::printf("%-10s %9.1f ms\n", "total", result.times.totalMs());
    std::printf("peak working memory %.1f MiB (estimate %.1f MiB), key %.1f MiB, threads %u\n", result.peakBytes / 1048576.0,
                proverdesk::estimateMemory(*key, threads) / 1048576.0, key->sizeBytes() / 1048576.0, threads);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
