// The GPU compute library (pd_gpu_api.h) as the engine uses it: loaded at run time, one context per GPU, device
// buffers owned by objects, failures as EngineError ("GPU 0: out of memory …") and a stop as Cancelled.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "curve/bn254_curves.hpp"
#include "gpu/pd_gpu_api.h"
#include "platform/shared_library.hpp"

namespace proverdesk {

struct ProveControl;
class ProvingKey;

class GpuLibrary {
 public:
  // Loads the library at `path`; throws EngineError saying why it cannot be used (missing, not ours, too old).
  static std::shared_ptr<const GpuLibrary> load(const std::string& path);

  const pd_gpu_api& api() const { return *api_; }
  // "cuda", or "emulated" for the host build of the kernels.
  std::string backend() const { return api_->backend; }
  // The CUDA version the driver must support for this library (13000 = 13.0); 0 for the emulated build.
  int requiredDriverCudaVersion() const { return static_cast<int>(api_->cuda_runtime_version); }
  // The oldest compute capability it has code for (75 = 7.5); 0 for the emulated build.
  int minComputeCapability() const { return static_cast<int>(api_->min_compute_capability); }

 private:
  GpuLibrary(SharedLibrary library, const pd_gpu_api* api) : library_(std::move(library)), api_(api) {}
  SharedLibrary library_;
  const pd_gpu_api* api_;
};

class GpuBuffer {
 public:
  GpuBuffer() = default;
  GpuBuffer(std::shared_ptr<const GpuLibrary> library, pd_gpu_buffer* buffer);

  pd_gpu_buffer* get() const { return buffer_.get(); }

 private:
  std::shared_ptr<const GpuLibrary> library_;  // outlives the buffer: declared first, destroyed last
  std::unique_ptr<pd_gpu_buffer, std::function<void(pd_gpu_buffer*)>> buffer_;
};

// A key's points in one GPU's memory, kept there across proofs with that key.
struct GpuKeyPoints {
  uint64_t keyId = 0;
  GpuBuffer a, b1, c, h;  // G1
  GpuBuffer b2;           // G2
  uint64_t bytes = 0;
};

class GpuDevice {
 public:
  using Progress = std::function<void(double fraction)>;

  // A context on GPU `index` of the library's devices; throws EngineError when it cannot be made.
  GpuDevice(std::shared_ptr<const GpuLibrary> library, int index);
  ~GpuDevice();
  GpuDevice(const GpuDevice&) = delete;
  GpuDevice& operator=(const GpuDevice&) = delete;

  int index() const { return index_; }
  const GpuLibrary& library() const { return *library_; }

  struct Memory {
    uint64_t freeBytes = 0;
    uint64_t totalBytes = 0;
  };
  Memory memory();

  // Device bytes a proof with this key needs, the key's points included (whether or not they are resident now).
  uint64_t proofBytes(const ProvingKey& key) const;

  // The key's points on this GPU, uploaded on first use and kept until another key's are needed.
  std::shared_ptr<const GpuKeyPoints> keyPoints(const ProvingKey& key);
  void dropKeyPoints();
  // Bytes of the points kept on the GPU now (freed or reused by the next proof, so available to it).
  uint64_t residentBytes();

  GpuBuffer uploadScalars(std::span<const U256> scalars);
  std::vector<U256> downloadScalars(const GpuBuffer& scalars, size_t count);

  // Σ scalars[offset + i]·points[i], i < count, on G1 or (msmG2) G2.
  G1 msm(const GpuBuffer& points, const GpuBuffer& scalars, size_t offset, size_t count, ProveControl* control, const Progress& progress);
  G2 msmG2(const GpuBuffer& points, const GpuBuffer& scalars, size_t offset, size_t count, ProveControl* control, const Progress& progress);

  // h on the odd coset, as canonical scalars left on the GPU (see pd_gpu_api.h compute_h).
  GpuBuffer computeH(std::span<const Fr> a, std::span<const Fr> b, std::span<const Fr> c, unsigned log2n, ProveControl* control,
                     const Progress& progress);

 private:
  // Throws for a failed call: Cancelled, or EngineError naming this GPU.
  void check(int status, const char* error) const;
  // One MSM call of the library (G1 or G2), its Jacobian result written to `result`.
  using MsmCall = decltype(pd_gpu_api::msm_g1);
  void runMsm(MsmCall call, const GpuBuffer& points, const GpuBuffer& scalars, size_t offset, size_t count, ProveControl* control,
              const Progress& progress, void* result);

  std::shared_ptr<const GpuLibrary> library_;
  int index_;
  pd_gpu_context* context_ = nullptr;
  std::mutex mutex_;  // the library allows one call at a time per context
  std::shared_ptr<const GpuKeyPoints> resident_;
};

}  // namespace proverdesk
