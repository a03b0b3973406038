#include "parallel/worker_pool.hpp"

#include <stdexcept>

namespace proverdesk {

WorkerPool::WorkerPool(unsigned threads, std::function<void()> checkpoint) : checkpoint_(std::move(checkpoint)) {
  if (threads == 0) throw std::invalid_argument("the thread count must be at least 1");
  helpers_.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) helpers_.emplace_back([this] { helperLoop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  workReady_.notify_all();
  helpers_.clear();  // joins
}

void WorkerPool::run(size_t tasks, const std::function<void(size_t)>& body) {
  if (tasks == 0) return;
  {
    std::lock_guard lock(mutex_);
    body_ = &body;
    tasks_ = tasks;
    next_ = 0;
    failed_ = false;
    error_ = nullptr;
    busyHelpers_ = static_cast<unsigned>(helpers_.size());
    ++generation_;
  }
  workReady_.notify_all();
  drain();
  std::unique_lock lock(mutex_);
  helpersDone_.wait(lock, [this] { return busyHelpers_ == 0; });
  body_ = nullptr;
  if (error_) std::rethrow_exception(error_);
}

void WorkerPool::drain() {
  for (;;) {
    if (failed_.load(std::memory_order_relaxed)) return;
    const size_t i = next_.fetch_add(1);
    if (i >= tasks_) return;
    try {
      checkpoint();
      (*body_)(i);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      failed_ = true;
    }
  }
}

void WorkerPool::helperLoop() {
  unsigned long seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      workReady_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
    }
    drain();
    {
      std::lock_guard lock(mutex_);
      --busyHelpers_;
    }
    helpersDone_.notify_all();
  }
}

}  // namespace proverdesk
