#include "groth16/proof_run.hpp"

#include <algorithm>

namespace proverdesk {

void ProofRun::begin(Phase phase) {
  end();
  std::lock_guard lock(mutex_);
  inPhase_ = true;
  phase_ = phase;
  fraction_ = 0;
  started_ = std::chrono::steady_clock::now();
  report(phase, 0);
}

void ProofRun::progress(double fraction) {
  std::lock_guard lock(mutex_);
  if (!inPhase_ || fraction <= fraction_) return;
  fraction_ = std::min(fraction, 1.0);
  report(phase_, fraction_);
}

void ProofRun::end() {
  std::lock_guard lock(mutex_);
  if (!inPhase_) return;
  inPhase_ = false;
  times_[phase_] += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
  if (fraction_ < 1.0) report(phase_, 1.0);
}

void ProofRun::allocate(size_t bytes) {
  std::lock_guard lock(mutex_);
  liveBytes_ += bytes;
  peakBytes_ = std::max(peakBytes_, liveBytes_);
}

void ProofRun::release(size_t bytes) {
  std::lock_guard lock(mutex_);
  liveBytes_ -= std::min(bytes, liveBytes_);
}

void ProofRun::report(Phase phase, double fraction) {
  if (onProgress_) onProgress_(phase, fraction);
}

}  // namespace proverdesk
