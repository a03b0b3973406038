// The little of a GPU runtime the kernels need, in two builds from one source: CUDA (nvcc) and host emulation
// (g++), where a "kernel launch" runs the kernel body once per index on CPU threads. Tests run the emulated
// build on machines without a GPU, so every kernel's arithmetic and indexing is checked everywhere; only the
// real launch, memory and timing need a GPU.
//
// Kernels are written so that emulation is faithful: one independent item per index, no shared memory, no
// warp intrinsics, and cross-item writes only through atomicAddU32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#ifdef __CUDACC__
#include <cuda_runtime.h>
#define PD_HD __host__ __device__ __forceinline__
#define PD_KERNEL __global__ void
#define PD_UNROLL _Pragma("unroll")
#else
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>
#define PD_HD inline
#define PD_KERNEL void
#define PD_UNROLL
#endif

namespace pdgpu {

// Thrown inside the library only; the C interface turns it into a status and a message.
class GpuFailure : public std::runtime_error {
 public:
  GpuFailure(int status, const std::string& message) : std::runtime_error(message), status(status) {}
  int status;
};

#ifdef __CUDACC__

using Stream = cudaStream_t;

inline void check(cudaError_t result, const char* what) {
  if (result == cudaSuccess) return;
  const int status = result == cudaErrorMemoryAllocation ? 3 /* PD_GPU_OUT_OF_MEMORY */ : 1;
  throw GpuFailure(status, std::string(what) + ": " + cudaGetErrorString(result));
}

__device__ __forceinline__ size_t kernelIndex() { return size_t(blockIdx.x) * blockDim.x + threadIdx.x; }
__device__ __forceinline__ uint32_t atomicAddU32(uint32_t* target, uint32_t value) { return atomicAdd(target, value); }

constexpr unsigned kBlockSize = 256;

template <class... Params, class... Args>
void launch(Stream stream, size_t count, void (*kernel)(Params...), Args... args) {
  if (count == 0) return;
  const size_t blocks = (count + kBlockSize - 1) / kBlockSize;
  kernel<<<static_cast<unsigned>(blocks), kBlockSize, 0, stream>>>(args...);
  check(cudaGetLastError(), "kernel launch");
}

inline void* deviceAlloc(size_t bytes) {
  void* pointer = nullptr;
  check(cudaMalloc(&pointer, bytes == 0 ? 1 : bytes), "cudaMalloc");
  return pointer;
}
inline void deviceFree(void* pointer) { cudaFree(pointer); }
inline void copyToDevice(void* device, const void* host, size_t bytes, Stream stream) {
  check(cudaMemcpyAsync(device, host, bytes, cudaMemcpyHostToDevice, stream), "copy to the GPU");
}
inline void copyToHost(void* host, const void* device, size_t bytes, Stream stream) {
  check(cudaMemcpyAsync(host, device, bytes, cudaMemcpyDeviceToHost, stream), "copy from the GPU");
}
inline void copyOnDevice(void* to, const void* from, size_t bytes, Stream stream) {
  check(cudaMemcpyAsync(to, from, bytes, cudaMemcpyDeviceToDevice, stream), "copy on the GPU");
}
inline void fillZero(void* device, size_t bytes, Stream stream) { check(cudaMemsetAsync(device, 0, bytes, stream), "cudaMemset"); }
inline void synchronize(Stream stream) { check(cudaStreamSynchronize(stream), "GPU work"); }

// A point in one stream's work that another stream can wait for (copies on one, kernels on the other).
class DeviceEvent {
 public:
  DeviceEvent() { check(cudaEventCreateWithFlags(&event_, cudaEventDisableTiming), "cudaEventCreate"); }
  ~DeviceEvent() { cudaEventDestroy(event_); }
  DeviceEvent(const DeviceEvent&) = delete;
  DeviceEvent& operator=(const DeviceEvent&) = delete;
  void record(Stream stream) { check(cudaEventRecord(event_, stream), "cudaEventRecord"); }
  void awaitIn(Stream stream) const { check(cudaStreamWaitEvent(stream, event_, 0), "cudaStreamWaitEvent"); }

 private:
  cudaEvent_t event_{};
};

// Waits for a stream's queued work when it goes out of scope, however the scope is left: host memory a queued copy
// reads must outlive the copy, even when a later step throws.
class DrainOnExit {
 public:
  explicit DrainOnExit(Stream stream) : stream_(stream) {}
  ~DrainOnExit() { cudaStreamSynchronize(stream_); }
  DrainOnExit(const DrainOnExit&) = delete;
  DrainOnExit& operator=(const DrainOnExit&) = delete;

 private:
  Stream stream_;
};

inline Stream createStream() {
  cudaStream_t stream{};
  check(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), "cudaStreamCreate");
  return stream;
}
inline void destroyStream(Stream stream) { cudaStreamDestroy(stream); }

#else

struct EmulatedStream {};
using Stream = EmulatedStream*;

// The index of the item the calling emulated "thread" works on.
inline thread_local size_t emulatedIndex = 0;
inline size_t kernelIndex() { return emulatedIndex; }
inline uint32_t atomicAddU32(uint32_t* target, uint32_t value) { return std::atomic_ref<uint32_t>(*target).fetch_add(value); }

// Items run in interleaved order across threads (not one contiguous slice each), so a kernel that wrongly
// depended on another item's result would see it missing.
template <class... Params, class... Args>
void launch(Stream, size_t count, void (*kernel)(Params...), Args... args) {
  if (count == 0) return;
  const size_t threads = std::min<size_t>(count, std::max(1u, std::thread::hardware_concurrency()));
  auto body = [&](size_t first) {
    for (size_t i = first; i < count; i += threads) {
      emulatedIndex = i;
      kernel(args...);
    }
  };
  std::vector<std::jthread> workers;
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(body, t);
  body(0);
}

// Bytes allocated on the emulated device now, for its memory report. Each block keeps its size in front of it.
inline std::atomic<uint64_t> emulatedLiveBytes{0};
constexpr size_t kEmulatedHeader = 64;  // keeps the block as aligned as malloc's

inline void* deviceAlloc(size_t bytes) {
  auto* block = static_cast<unsigned char*>(std::malloc(kEmulatedHeader + bytes));
  if (block == nullptr) throw GpuFailure(3, "out of (emulated) GPU memory");
  std::memcpy(block, &bytes, sizeof bytes);
  emulatedLiveBytes += bytes;
  return block + kEmulatedHeader;
}
inline void deviceFree(void* pointer) {
  if (pointer == nullptr) return;
  auto* block = static_cast<unsigned char*>(pointer) - kEmulatedHeader;
  size_t bytes = 0;
  std::memcpy(&bytes, block, sizeof bytes);
  emulatedLiveBytes -= bytes;
  std::free(block);
}
// (An empty copy may come with null pointers, which memcpy does not allow.)
inline void copyToDevice(void* device, const void* host, size_t bytes, Stream) {
  if (bytes != 0) std::memcpy(device, host, bytes);
}
inline void copyToHost(void* host, const void* device, size_t bytes, Stream) {
  if (bytes != 0) std::memcpy(host, device, bytes);
}
inline void copyOnDevice(void* to, const void* from, size_t bytes, Stream) {
  if (bytes != 0) std::memmove(to, from, bytes);
}
inline void fillZero(void* device, size_t bytes, Stream) {
  if (bytes != 0) std::memset(device, 0, bytes);
}
inline void synchronize(Stream) {}

// Emulated work is done when its call returns: nothing to wait for.
class DeviceEvent {
 public:
  void record(Stream) {}
  void awaitIn(Stream) const {}
};

class DrainOnExit {
 public:
  explicit DrainOnExit(Stream) {}
};

inline Stream createStream() { return nullptr; }
inline void destroyStream(Stream) {}

#endif

// Device memory owned by one object, freed with it.
template <class T>
class DeviceArray {
 public:
  DeviceArray() = default;
  explicit DeviceArray(size_t count) : data_(static_cast<T*>(deviceAlloc(count * sizeof(T)))), count_(count) {}
  DeviceArray(const DeviceArray&) = delete;
  DeviceArray& operator=(const DeviceArray&) = delete;
  DeviceArray(DeviceArray&& other) noexcept : data_(other.data_), count_(other.count_) {
    other.data_ = nullptr;
    other.count_ = 0;
  }
  DeviceArray& operator=(DeviceArray&& other) noexcept {
    if (this != &other) {
      release();
      data_ = other.data_;
      count_ = other.count_;
      other.data_ = nullptr;
      other.count_ = 0;
    }
    return *this;
  }
  ~DeviceArray() { release(); }

  T* data() const { return data_; }
  size_t size() const { return count_; }
  size_t bytes() const { return count_ * sizeof(T); }

 private:
  void release() {
    if (data_ != nullptr) deviceFree(data_);
    data_ = nullptr;
  }
  T* data_ = nullptr;
  size_t count_ = 0;
};

}  // namespace pdgpu
