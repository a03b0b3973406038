#include "key_cache.hpp"


namespace proverdesk {

namespace {

std::string identityOf(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw EngineError("cannot read the proving key " + path + ": " + error.message());
  const auto modified = std::filesystem::last_write_time(path, error).time_since_epoch().count();
  return path + '\n' + std::to_string(size) + '\n' + std::to_string(modified);
}

}  // namespace

std::pair<std::shared_ptr<const ProvingKey>, bool> KeyCache::get(const std::string& path, unsigned threads) {
  const std::string identity = identityOf(path);
  {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->identity == identity) {
        entries_.splice(entries_.begin(), entries_, it);
        return {entries_.front().key, true};
      }
    }
  }
  // Parse outside the lock: it is the slow part, and another circuit's proof must not wait for it.
  std::shared_ptr<const ProvingKey> key = loadProvingKeyFile(path, threads);
  const std::size_t bytes = key->sizeBytes();
  std::lock_guard lock(mutex_);
  entries_.push_front(Entry{identity, key, bytes});
  usedBytes_ += bytes;
  evictOverLimit();
  return {key, false};
}

void KeyCache::setLimit(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  limitBytes_ = bytes;
  evictOverLimit();
}

void KeyCache::evictOverLimit() {
  // The most recent key stays even over the limit: a proof is using it right now.
  while (usedBytes_ > limitBytes_ && entries_.size() > 1) {
    usedBytes_ -= entries_.back().bytes;
    entries_.pop_back();
  }
  if (limitBytes_ == 0 && !entries_.empty()) {
    usedBytes_ = 0;
    entries_.clear();
  }
}

}  // namespace proverdesk
