// BN254 (alt_bn128, snarkjs "bn128") base field Fq and scalar field Fr.
#pragma once

#include "field/montgomery_field.hpp"

namespace proverdesk {

struct FqParams {
  static constexpr const char* name = "Fq";
  static constexpr U256 modulus{{0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL}};
  static constexpr U256 r1{{0xd35d438dc58f0d9dULL, 0x0a78eb28f5c70b3dULL, 0x666ea36f7879462cULL, 0x0e0a77c19a07df2fULL}};
  static constexpr U256 r2{{0xf32cfc5b538afa89ULL, 0xb5e71911d44501fbULL, 0x47ab1eff0a417ff6ULL, 0x06d89f71cab8351fULL}};
  static constexpr U256 r3{{0xb1cd6dafda1530dfULL, 0x62f210e6a7283db6ULL, 0xef7f0b0c0ada0afbULL, 0x20fd6e902d592544ULL}};
  static constexpr uint64_t inv = 0x87d20782e4866389ULL;
};

struct FrParams {
  static constexpr const char* name = "Fr";
  static constexpr U256 modulus{{0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL}};
  static constexpr U256 r1{{0xac96341c4ffffffbULL, 0x36fc76959f60cd29ULL, 0x666ea36f7879462eULL, 0x0e0a77c19a07df2fULL}};
  static constexpr U256 r2{{0x1bb8e645ae216da7ULL, 0x53fe3ab1e35c59e3ULL, 0x8c49833d53bb8085ULL, 0x0216d0b17f4e44a5ULL}};
  static constexpr U256 r3{{0x5e94d8e1b4bf0040ULL, 0x2a489cbe1cfbb6b8ULL, 0x893cc664a19fcfedULL, 0x0cf8594b7fcc657cULL}};
  static constexpr uint64_t inv = 0xc2e1f593efffffffULL;
  static constexpr unsigned twoAdicity = 28;
  // Smallest quadratic non-residue; ffjavascript derives its roots of unity and coset shift from it.
  static constexpr uint64_t nonResidue = 5;
};

using Fq = MontgomeryField<FqParams>;
using Fr = MontgomeryField<FrParams>;

}  // namespace proverdesk
