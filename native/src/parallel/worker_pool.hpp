// A fixed set of worker threads for one proof. `threads` is a hard limit that includes the calling
// thread: the pool starts threads - 1 helpers and the caller works alongside them in run().
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace proverdesk {

class WorkerPool {
 public:
  // `checkpoint` runs before every task (and on demand via checkpoint()); it may block (pause) or throw (cancel).
  explicit WorkerPool(unsigned threads, std::function<void()> checkpoint = {});
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  unsigned threads() const { return static_cast<unsigned>(helpers_.size()) + 1; }

  // Runs body(i) for every i in [0, tasks), spread over the pool; returns when all are done.
  // The first exception stops the remaining tasks and is rethrown here.
  void run(size_t tasks, const std::function<void(size_t)>& body);

  // For long tasks: lets them honour pause and cancel between their own chunks.
  void checkpoint() const {
    if (checkpoint_) checkpoint_();
  }

 private:
  void helperLoop();
  void drain();

  std::function<void()> checkpoint_;
  std::mutex mutex_;
  std::condition_variable workReady_;
  std::condition_variable helpersDone_;
  const std::function<void(size_t)>* body_ = nullptr;
  size_t tasks_ = 0;
  std::atomic<size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::exception_ptr error_;
  unsigned long generation_ = 0;
  unsigned busyHelpers_ = 0;
  bool stopping_ = false;
  std::vector<std::jthread> helpers_;  // last member: joined before the state above goes away
};

}  // namespace proverdesk
