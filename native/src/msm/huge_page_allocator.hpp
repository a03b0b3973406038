// Allocator for the large point and scalar arrays (proving-key bases, MSM and NTT inputs).
// Memory first touched through 4 KiB pages costs one page fault per page; on virtual machines that is tens of
// microseconds each, about 70 ms for a 16 MiB key, more than the arithmetic of loading it. On Linux, blocks of
// 1 MiB and more are mapped on 2 MiB boundaries and advised for transparent huge pages, so a few faults cover
// them (each block may hold up to one extra partly used huge page). Elsewhere it is the plain heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace proverdesk {

namespace huge_pages {

constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t kThreshold = size_t{1} << 20;

inline size_t mappedBytes(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }

#if defined(__linux__) && defined(MADV_HUGEPAGE)
inline void* allocate(size_t bytes) {
  if (bytes < kThreshold) return ::operator new(bytes);
  const size_t length = mappedBytes(bytes);
  // Over-map by one huge page, then trim the ends so that the block starts on a 2 MiB boundary.
  void* raw = mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > start) munmap(raw, aligned - start);
  const uintptr_t tail = aligned + length;
  const uintptr_t end = start + length + kHugePage;
  if (end > tail) munmap(reinterpret_cast<void*>(tail), end - tail);
  madvise(reinterpret_cast<void*>(aligned), length, MADV_HUGEPAGE);  // advisory: without it we only lose speed
  return reinterpret_cast<void*>(aligned);
}

inline void release(void* p, size_t bytes) {
  if (bytes < kThreshold) {
    ::operator delete(p);
  } else {
    munmap(p, mappedBytes(bytes));
  }
}
#else
inline void* allocate(size_t bytes) { return ::operator new(bytes); }
inline void release(void* p, size_t) { ::operator delete(p); }
#endif

}  // namespace huge_pages

template <class T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(huge_pages::allocate(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) { huge_pages::release(p, n * sizeof(T)); }

  template <class U>
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator<U>&) {
    return true;
  }
};

template <class T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace proverdesk
