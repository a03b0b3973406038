// Lagrange basis polynomials of a power-of-two domain, evaluated at the setup secret τ.
#pragma once

#include <vector>

#include "field/bn254.hpp"
#include "parallel/worker_pool.hpp"

namespace proverdesk {

// For the points x_j = shift·ω^j (j < 2^log2Size, ω the engine's primitive 2^log2Size-th root of unity),
// returns scale·x_j / (τ − x_j). With shift = 1 and scale = (τ^N − 1)/N this is L_j(τ) on the N-domain:
// L_j(τ) = (τ^N − 1)·ω^j / (N·(τ − ω^j)). One inversion per chunk (Montgomery's batch trick).
// Throws EngineError if τ is one of the points (probability about 2^-230 for a random τ).
std::vector<Fr> scaledInverseDistances(const Fr& tau, const Fr& shift, unsigned log2Size, const Fr& scale, WorkerPool& pool);

// L_j(τ) for every j on the 2^log2Size domain.
std::vector<Fr> lagrangeAtTau(const Fr& tau, unsigned log2Size, WorkerPool& pool);

// The H points' scalars snarkjs's prover expects: L'_(2i+1)(τ)/δ on the 2^(log2Size+1) domain, i < 2^log2Size
// (its prover evaluates A·B − C on the odd points of the doubled domain, where it need not vanish).
std::vector<Fr> oddLagrangeAtTau(const Fr& tau, const Fr& delta, unsigned log2Size, WorkerPool& pool);

}  // namespace proverdesk
