// dev_setup_cli <circuit.r1cs> <out.zkey> [threads]
// Makes an INSECURE, test-only Groth16 key (see src/setup/dev_setup.hpp) and prints the time it took.
#include <chrono>
#include <cstdio>
#include <string>

#include "setup/dev_setup.hpp"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s <circuit.r1cs> <out.zkey> [threads]\nINSECURE: the key is for tests and benchmarks only.\n", argv[0]);
    return 2;
  }
  try {
    proverdesk::DevSetupOptions options;
    options.threads = argc == 4 ? static_cast<unsigned>(std::stoul(argv[3])) : 1;
    const auto started = std::chrono::steady_clock::now();
    const auto summary = proverdesk::devSetup(argv[1], argv[2], options);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::printf("INSECURE test-only key written to %s: %u constraints, %u variables, %u public, domain %u; %.1f ms with %u threads\n",
                argv[2], summary.nConstraints, summary.nVars, summary.nPublic, summary.domainSize, ms, options.threads);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
