// Bookkeeping for one proof: phase times, serialised progress reports, and bytes of working memory.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>

#include "phase.hpp"

namespace proverdesk {

class ProofRun {
 public:
  explicit ProofRun(std::function<void(Phase, double)> onProgress) : onProgress_(std::move(onProgress)) {}

  // Ends the current phase (if any) and starts `phase` at fraction 0.
  void begin(Phase phase);
  // Thread-safe; fractions within a phase only move forward.
  void progress(double fraction);
  // Ends the current phase at fraction 1.
  void end();

  void allocate(size_t bytes);
  void release(size_t bytes);

  const PhaseTimes& times() const { return times_; }
  size_t peakBytes() const { return peakBytes_; }

 private:
  void report(Phase phase, double fraction);

  std::function<void(Phase, double)> onProgress_;
  std::mutex mutex_;
  bool inPhase_ = false;
  Phase phase_ = Phase::LoadKey;
  double fraction_ = 0;
  std::chrono::steady_clock::time_point started_;
  PhaseTimes times_;
  size_t liveBytes_ = 0;
  size_t peakBytes_ = 0;
};

}  // namespace proverdesk
