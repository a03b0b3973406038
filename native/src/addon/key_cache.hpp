// Parsed proving keys kept between proofs of the same circuit, bounded in bytes (least recently used go
// first), so a shop proving one circuit over and over reads and parses its key once.
#pragma once

#include <cstddef>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "../engine.hpp"

namespace proverdesk {

class KeyCache {
 public:
  explicit KeyCache(std::size_t limitBytes) : limitBytes_(limitBytes) {}

  /** The key of the file at `path` (parsed with up to `threads` threads), and whether it came from the cache. */
  std::pair<std::shared_ptr<const ProvingKey>, bool> get(const std::string& path, unsigned threads);
  void setLimit(std::size_t bytes);

 private:
  struct Entry {
    std::string identity;  // path + size + modification time: a rewritten file is a new key
    std::shared_ptr<const ProvingKey> key;
    std::size_t bytes;
  };
  void evictOverLimit();

  std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::size_t limitBytes_;
  std::size_t usedBytes_ = 0;
};

}  // namespace proverdesk
