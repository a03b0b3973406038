// The GPU compute library behind src/gpu/pd_gpu_api.h. nvcc builds it (as CUDA) into libproverdesk_cuda; g++ builds
// the same file into the host-emulated library the tests load on machines without a GPU.
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <numeric>
#include <type_traits>
#include <vector>

#include "coset_h.hpp"
#include "gpu/pd_gpu_api.h"
#include "msm.hpp"

#if defined(__CUDACC__) && !defined(PD_MIN_COMPUTE_CAPABILITY)
#error "build with -DPD_MIN_COMPUTE_CAPABILITY=<the lowest sm_ it has code for> (see the Makefile)"
#endif

namespace pdgpu {
namespace {

enum class BufferKind { G1Points, G2Points, Scalars };

}  // namespace
}  // namespace pdgpu

struct pd_gpu_buffer {
  pdgpu::BufferKind kind;
  uint64_t count;
  pdgpu::DeviceArray<uint8_t> bytes;
};

struct pd_gpu_context {
  int device = 0;
  pdgpu::Stream stream{};      // kernels
  pdgpu::Stream copyStream{};  // uploads that overlap them
  // Twiddle tables for the last domain size used: ω^k and ω^−k for k < n/2.
  uint32_t twiddleLog2n = 0;
  pdgpu::DeviceArray<pdgpu::FrElement> forwardTwiddles;
  pdgpu::DeviceArray<pdgpu::FrElement> inverseTwiddles;
};

namespace pdgpu {
namespace {

void writeError(char* error, size_t length, const char* message) {
  if (error == nullptr || length == 0) return;
  std::snprintf(error, length, "%s", message);
}

// Runs `work`, turning what it throws into a status and a message.
template <class Work>
int guarded(char* error, size_t length, Work&& work) {
  try {
    work();
    return PD_GPU_OK;
  } catch (const GpuFailure& failure) {
    writeError(error, length, failure.what());
    return failure.status;
  } catch (const std::bad_alloc&) {
    writeError(error, length, "out of host memory");
    return PD_GPU_OUT_OF_MEMORY;
  } catch (const std::exception& failure) {
    writeError(error, length, failure.what());
    return PD_GPU_ERROR;
  }
}

// Between kernels: finishes queued work (so a pause really pauses the GPU), reports progress, obeys a stop.
class Steps {
 public:
  Steps(pd_gpu_context& context, const pd_gpu_control* control, unsigned total) : context_(context), control_(control), total_(total) {}

  void done() {
    synchronize(context_.stream);
    ++done_;
    if (control_ == nullptr) return;
    if (control_->progress != nullptr) control_->progress(control_->user, static_cast<double>(done_) / total_);
    if (control_->checkpoint != nullptr && control_->checkpoint(control_->user) != 0) throw GpuFailure(PD_GPU_CANCELLED, "cancelled");
  }

 private:
  pd_gpu_context& context_;
  const pd_gpu_control* control_;
  unsigned total_;
  unsigned done_ = 0;
};

void selectDevice([[maybe_unused]] const pd_gpu_context& context) {
#ifdef __CUDACC__
  check(cudaSetDevice(context.device), "cudaSetDevice");
#endif
}

#ifndef __CUDACC__
// The emulated device's memory: PROVERDESK_EMULATED_GPU_MEMORY bytes (default 8 GiB), for admission tests.
uint64_t emulatedMemoryBytes() {
  const char* configured = std::getenv("PROVERDESK_EMULATED_GPU_MEMORY");
  return configured != nullptr ? std::strtoull(configured, nullptr, 10) : uint64_t{8} << 30;
}
#endif

int deviceCount(int* count, char* error, size_t length) {
  return guarded(error, length, [&] {
#ifdef __CUDACC__
    check(cudaGetDeviceCount(count), "cudaGetDeviceCount");
#else
    *count = 1;
#endif
  });
}

int deviceInfo(int device, pd_gpu_device_info* info, char* error, size_t length) {
  return guarded(error, length, [&] {
    *info = pd_gpu_device_info{};
#ifdef __CUDACC__
    cudaDeviceProp properties{};
    check(cudaGetDeviceProperties(&properties, device), "cudaGetDeviceProperties");
    std::snprintf(info->name, sizeof info->name, "%s", properties.name);
    info->memory_bytes = properties.totalGlobalMem;
    info->compute_major = properties.major;
    info->compute_minor = properties.minor;
#else
    if (device < 0) throw GpuFailure(PD_GPU_ERROR, "no such emulated GPU");
    std::snprintf(info->name, sizeof info->name, "%s", "Emulated GPU (runs on the CPU)");
    info->memory_bytes = emulatedMemoryBytes();
#endif
  });
}

int contextCreate(int device, pd_gpu_context** out, char* error, size_t length) {
  *out = nullptr;
  return guarded(error, length, [&] {
    auto context = std::make_unique<pd_gpu_context>();
    context->device = device;
    selectDevice(*context);
    context->stream = createStream();
    context->copyStream = createStream();
#ifndef __CUDACC__
    // Any GPU the (stand-in) driver lists is emulated alike, so tests can have several.
    if (device < 0) throw GpuFailure(PD_GPU_ERROR, "no such emulated GPU");
#endif
    *out = context.release();
  });
}

// Never throws (the engine calls it from a destructor): a GPU that cannot be selected any more still has its host
// side freed.
void contextDestroy(pd_gpu_context* context) {
  if (context == nullptr) return;
  const std::unique_ptr<pd_gpu_context> owned(context);
#ifdef __CUDACC__
  if (cudaSetDevice(context->device) != cudaSuccess) return;
#endif
  destroyStream(context->copyStream);
  destroyStream(context->stream);
}

int memoryInfo(pd_gpu_context* context, uint64_t* freeBytes, uint64_t* totalBytes, char* error, size_t length) {
  return guarded(error, length, [&] {
    selectDevice(*context);
#ifdef __CUDACC__
    size_t available = 0, total = 0;
    check(cudaMemGetInfo(&available, &total), "cudaMemGetInfo");
    *freeBytes = available;
    *totalBytes = total;
#else
    *totalBytes = emulatedMemoryBytes();
    const uint64_t used = emulatedLiveBytes.load();
    *freeBytes = used < *totalBytes ? *totalBytes - used : 0;
#endif
  });
}

uint64_t msmScratchBytes(uint64_t count, uint32_t group) {
  return MsmPlan::forCount(count).scratchBytes(count, group == 2 ? sizeof(G2Point) : sizeof(G1Point));
}

uint64_t hScratchBytes(uint32_t log2n) {
  const uint64_t n = uint64_t{1} << log2n;
  return 4 * n * sizeof(FrElement);  // a (which becomes h), b, c, and the two twiddle tables of n/2
}

int upload(pd_gpu_context* context, BufferKind kind, const void* host, uint64_t count, pd_gpu_buffer** out, char* error, size_t length) {
  *out = nullptr;
  return guarded(error, length, [&] {
    selectDevice(*context);
    const size_t elementBytes = kind == BufferKind::G1Points ? sizeof(G1AffinePoint) : kind == BufferKind::G2Points ? sizeof(G2AffinePoint) : sizeof(FrElement);
    auto buffer = std::make_unique<pd_gpu_buffer>(pd_gpu_buffer{kind, count, DeviceArray<uint8_t>(count * elementBytes)});
    copyToDevice(buffer->bytes.data(), host, buffer->bytes.bytes(), context->stream);
    synchronize(context->stream);
    *out = buffer.release();
  });
}

int uploadPoints(pd_gpu_context* context, const void* points, uint64_t count, pd_gpu_buffer** out, char* error, size_t length) {
  return upload(context, BufferKind::G1Points, points, count, out, error, length);
}

int uploadPointsG2(pd_gpu_context* context, const void* points, uint64_t count, pd_gpu_buffer** out, char* error, size_t length) {
  return upload(context, BufferKind::G2Points, points, count, out, error, length);
}

int uploadScalars(pd_gpu_context* context, const void* scalars, uint64_t count, pd_gpu_buffer** out, char* error, size_t length) {
  return upload(context, BufferKind::Scalars, scalars, count, out, error, length);
}

void bufferFree(pd_gpu_buffer* buffer) { delete buffer; }

int download(pd_gpu_context* context, const pd_gpu_buffer* buffer, void* host, char* error, size_t length) {
  return guarded(error, length, [&] {
    selectDevice(*context);
    copyToHost(host, buffer->bytes.data(), buffer->bytes.bytes(), context->stream);
    synchronize(context->stream);
  });
}

template <class Point>
void runMsm(pd_gpu_context& context, const pd_gpu_buffer& points, const pd_gpu_buffer& scalars, uint64_t offset, uint64_t count,
            void* result, const pd_gpu_control* control) {
  const BufferKind pointKind = std::is_same_v<Point, G2Point> ? BufferKind::G2Points : BufferKind::G1Points;
  if (points.kind != pointKind || scalars.kind != BufferKind::Scalars) throw GpuFailure(PD_GPU_ERROR, "MSM given the wrong kind of buffer");
  if (count > points.count || offset > scalars.count || count > scalars.count - offset) {
    throw GpuFailure(PD_GPU_ERROR, "MSM longer than its points or scalars");
  }
#ifndef __CUDACC__
  // Tests of what the app does when a GPU fails mid-proof set this; a real GPU fails in its own ways.
  if (std::getenv("PROVERDESK_EMULATED_GPU_FAULT") != nullptr) throw GpuFailure(PD_GPU_ERROR, "emulated GPU fault (PROVERDESK_EMULATED_GPU_FAULT)");
#endif
  const MsmPlan plan = MsmPlan::forCount(count);
  if (count * plan.windows >= (uint64_t{1} << 32) || count >= (uint64_t{1} << 31)) throw GpuFailure(PD_GPU_ERROR, "MSM too large for one call");
  selectDevice(context);
  const Stream stream = context.stream;
  const size_t entries = size_t(count) * plan.windows;
  DeviceArray<uint32_t> slotOf(entries), entryOf(entries), sorted(entries);
  DeviceArray<uint32_t> counts(plan.slots()), cursors(plan.slots()), offsets(plan.slots() + 1);
  DeviceArray<Point> bucketSums(plan.slots()), segmentSums(size_t(plan.windows) * plan.segments), windowSums(plan.windows);
  MsmArgs<Point> args{reinterpret_cast<const typename Point::Affine*>(points.bytes.data()),
               reinterpret_cast<const FrElement*>(scalars.bytes.data()) + offset,
               count, plan, slotOf.data(), entryOf.data(), counts.data(), cursors.data(), sorted.data(),
               offsets.data(), bucketSums.data(), segmentSums.data(), windowSums.data()};
  Steps steps(context, control, 6);
  std::vector<uint32_t> hostOffsets(plan.slots() + 1, 0);
  const DrainOnExit queuedWork(stream);  // hostOffsets outlives the copies that read it

  fillZero(counts.data(), counts.bytes(), stream);
  launch(stream, count, msmDigitsKernel<Point>, args);
  launch(stream, entries, msmCountKernel<Point>, args);
  steps.done();

  copyToHost(hostOffsets.data() + 1, counts.data(), counts.bytes(), stream);
  synchronize(stream);
  std::partial_sum(hostOffsets.begin(), hostOffsets.end(), hostOffsets.begin());
  copyToDevice(offsets.data(), hostOffsets.data(), offsets.bytes(), stream);
  copyToDevice(cursors.data(), hostOffsets.data(), cursors.bytes(), stream);
  launch(stream, entries, msmScatterKernel<Point>, args);
  steps.done();

  launch(stream, plan.slots(), msmBucketKernel<Point>, args);
  steps.done();
  launch(stream, size_t(plan.windows) * plan.segments, msmSegmentKernel<Point>, args);
  steps.done();
  launch(stream, plan.windows, msmWindowKernel<Point>, args);
  std::vector<Point> hostWindows(plan.windows);
  copyToHost(hostWindows.data(), windowSums.data(), windowSums.bytes(), stream);
  steps.done();

  const Point sum = joinWindows(hostWindows, plan.windowBits);
  std::memcpy(result, &sum, sizeof sum);
  steps.done();
}

int msmG1(pd_gpu_context* context, const pd_gpu_buffer* points, const pd_gpu_buffer* scalars, uint64_t offset, uint64_t count,
          void* result, const pd_gpu_control* control, char* error, size_t length) {
  return guarded(error, length, [&] { runMsm<G1Point>(*context, *points, *scalars, offset, count, result, control); });
}

int msmG2(pd_gpu_context* context, const pd_gpu_buffer* points, const pd_gpu_buffer* scalars, uint64_t offset, uint64_t count,
          void* result, const pd_gpu_control* control, char* error, size_t length) {
  return guarded(error, length, [&] { runMsm<G2Point>(*context, *points, *scalars, offset, count, result, control); });
}

void ensureTwiddles(pd_gpu_context& context, uint32_t log2n, const pd_gpu_ntt_roots& roots) {
  if (context.twiddleLog2n == log2n && context.forwardTwiddles.size() != 0) return;
  const size_t half = log2n == 0 ? 1 : size_t{1} << (log2n - 1);
  FrElement omega, omegaInverse;
  std::memcpy(&omega, roots.omega, sizeof omega);
  std::memcpy(&omegaInverse, roots.omega_inverse, sizeof omegaInverse);
  context.forwardTwiddles = DeviceArray<FrElement>(half);
  context.inverseTwiddles = DeviceArray<FrElement>(half);
  launch(context.stream, half, twiddleKernel, context.forwardTwiddles.data(), omega, uint64_t(half));
  launch(context.stream, half, twiddleKernel, context.inverseTwiddles.data(), omegaInverse, uint64_t(half));
  context.twiddleLog2n = log2n;
}

void transform(pd_gpu_context& context, FrElement* values, const FrElement* twiddles, uint32_t log2n) {
  const size_t n = size_t{1} << log2n;
  launch(context.stream, n, bitReverseKernel, values, log2n);
  for (uint32_t stage = 0; stage < log2n; ++stage) launch(context.stream, n / 2, butterflyKernel, values, twiddles, log2n, stage);
}

void runComputeH(pd_gpu_context& context, const void* a, const void* b, const void* c, uint32_t log2n, const pd_gpu_ntt_roots& roots,
                 pd_gpu_buffer** out, const pd_gpu_control* control) {
  if (log2n > 28) throw GpuFailure(PD_GPU_ERROR, "domain larger than 2^28");
  selectDevice(context);
  const size_t n = size_t{1} << log2n;
  FrElement sizeInverse, shift;
  std::memcpy(&sizeInverse, roots.size_inverse, sizeof sizeInverse);
  std::memcpy(&shift, roots.coset_shift, sizeof shift);

  auto h = std::make_unique<pd_gpu_buffer>(pd_gpu_buffer{BufferKind::Scalars, n, DeviceArray<uint8_t>(n * sizeof(FrElement))});
  DeviceArray<FrElement> polyB(n), polyC(n);
  FrElement* polys[3] = {reinterpret_cast<FrElement*>(h->bytes.data()), polyB.data(), polyC.data()};
  const void* hosts[3] = {a, b, c};
  // The three copies go on the copy stream at once; each transform waits only for its own polynomial, so B and C
  // are copied while A is transformed.
  DeviceEvent copied[3];
  const DrainOnExit copiesDone(context.copyStream);  // declared after the events: drained before they go
  for (int p = 0; p < 3; ++p) {
    copyToDevice(polys[p], hosts[p], n * sizeof(FrElement), context.copyStream);
    copied[p].record(context.copyStream);
  }
  ensureTwiddles(context, log2n, roots);
  Steps steps(context, control, 4);
  for (int p = 0; p < 3; ++p) {
    copied[p].awaitIn(context.stream);
    transform(context, polys[p], context.inverseTwiddles.data(), log2n);
    launch(context.stream, n, cosetScaleKernel, polys[p], sizeInverse, shift, log2n);
    transform(context, polys[p], context.forwardTwiddles.data(), log2n);
    steps.done();
  }
  launch(context.stream, n, joinKernel, polys[0], static_cast<const FrElement*>(polys[1]), static_cast<const FrElement*>(polys[2]), log2n);
  steps.done();
  *out = h.release();
}

int computeH(pd_gpu_context* context, const void* a, const void* b, const void* c, uint32_t log2n, const pd_gpu_ntt_roots* roots,
             pd_gpu_buffer** h, const pd_gpu_control* control, char* error, size_t length) {
  *h = nullptr;
  return guarded(error, length, [&] { runComputeH(*context, a, b, c, log2n, *roots, h, control); });
}

pd_gpu_api kApi{
    PD_GPU_ABI_VERSION,
#ifdef __CUDACC__
    "cuda", CUDART_VERSION, PD_MIN_COMPUTE_CAPABILITY,
#else
    "emulated", 0, 0,
#endif
    deviceCount, deviceInfo, contextCreate, contextDestroy, memoryInfo, msmScratchBytes, hScratchBytes,
    uploadPoints, uploadPointsG2, uploadScalars, bufferFree, download, msmG1, msmG2, computeH,
};

}  // namespace
}  // namespace pdgpu

extern "C"
#ifdef _WIN32
    __declspec(dllexport)
#else
    __attribute__((visibility("default")))
#endif
    const pd_gpu_api* pd_gpu_get_api(void) {
#ifndef __CUDACC__
  // The emulated build can claim a real build's requirements, for the engine's tests of how it judges drivers
  // and GPUs (PROVERDESK_EMULATED_CUDA_RUNTIME=13000, PROVERDESK_EMULATED_MIN_COMPUTE=75).
  const auto fromEnvironment = [](const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? static_cast<uint32_t>(std::strtoul(value, nullptr, 10)) : 0u;
  };
  pdgpu::kApi.cuda_runtime_version = fromEnvironment("PROVERDESK_EMULATED_CUDA_RUNTIME");
  pdgpu::kApi.min_compute_capability = fromEnvironment("PROVERDESK_EMULATED_MIN_COMPUTE");
#endif
  return &pdgpu::kApi;
}
