#include "platform/cuda_driver.hpp"


#include "platform/shared_library.hpp"

namespace proverdesk {
namespace {

// The few driver API entry points the probe needs (cuda.h, stable since CUDA 4).
using CUresult = int;
using CUdevice = int;
constexpr CUresult CUDA_SUCCESS = 0;
constexpr CUresult CUDA_ERROR_NO_DEVICE = 100;
constexpr int ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
constexpr int ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

using CuInit = CUresult (*)(unsigned);
using CuDriverGetVersion = CUresult (*)(int*);
using CuDeviceGetCount = CUresult (*)(int*);
using CuDeviceGet = CUresult (*)(CUdevice*, int);
using CuDeviceGetName = CUresult (*)(char*, int, CUdevice);
using CuDeviceTotalMem = CUresult (*)(std::size_t*, CUdevice);
using CuDeviceGetAttribute = CUresult (*)(int*, int, CUdevice);
using CuGetErrorString = CUresult (*)(CUresult, const char**);
using CuDeviceGetPciBusId = CUresult (*)(char*, int, CUdevice);

#ifdef _WIN32
constexpr const char* kDefaultLibrary = "nvcuda.dll";
#else
constexpr const char* kDefaultLibrary = "libcuda.so.1";
#endif

GpuProbe failed(GpuDriverState state, std::string message, int version = 0) {
  GpuProbe probe;
  probe.state = state;
  probe.message = std::move(message);
  probe.driverCudaVersion = version;
  return probe;
}

}  // namespace

std::string cudaVersionText(int version) { return std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10); }

const char* gpuDriverStateName(GpuDriverState state) {
  switch (state) {
    case GpuDriverState::Ready: return "ready";
    case GpuDriverState::NoDriver: return "no-driver";
    case GpuDriverState::Failed: return "failed";
  }
  return "failed";
}

GpuProbe probeCudaDriver(const std::string& library) {
  const std::string path = library.empty() ? kDefaultLibrary : library;
  const std::optional<SharedLibrary> handle = SharedLibrary::open(path);
  if (!handle) return failed(GpuDriverState::NoDriver, "no NVIDIA driver found (" + path + " could not be loaded): GPU proving is off");

  const auto init = handle->find<CuInit>("cuInit");
  const auto driverVersion = handle->find<CuDriverGetVersion>("cuDriverGetVersion");
  const auto deviceCount = handle->find<CuDeviceGetCount>("cuDeviceGetCount");
  const auto deviceGet = handle->find<CuDeviceGet>("cuDeviceGet");
  const auto deviceName = handle->find<CuDeviceGetName>("cuDeviceGetName");
  const auto totalMem = handle->find<CuDeviceTotalMem>("cuDeviceTotalMem_v2");
  const auto attribute = handle->find<CuDeviceGetAttribute>("cuDeviceGetAttribute");
  const auto errorString = handle->find<CuGetErrorString>("cuGetErrorString");
  const auto pciBusId = handle->find<CuDeviceGetPciBusId>("cuDeviceGetPCIBusId");
  if (!init || !driverVersion || !deviceCount || !deviceGet || !deviceName || !totalMem || !attribute) {
    return failed(GpuDriverState::Failed, path + " is not a usable CUDA driver (entry points missing)");
  }
  const auto describe = [&](CUresult code) {
    const char* text = nullptr;
    if (errorString && errorString(code, &text) == CUDA_SUCCESS && text) return std::string(text) + " (" + std::to_string(code) + ")";
    return "error " + std::to_string(code);
  };

  int version = 0;
  if (driverVersion(&version) != CUDA_SUCCESS) version = 0;
  if (const CUresult code = init(0); code != CUDA_SUCCESS) {
    if (code == CUDA_ERROR_NO_DEVICE) return failed(GpuDriverState::Ready, "the NVIDIA driver is installed but sees no GPU", version);
    return failed(GpuDriverState::Failed, "the NVIDIA driver did not start: " + describe(code), version);
  }
  int count = 0;
  if (const CUresult code = deviceCount(&count); code != CUDA_SUCCESS) return failed(GpuDriverState::Failed, "the NVIDIA driver could not count GPUs: " + describe(code), version);

  GpuProbe probe;
  probe.state = GpuDriverState::Ready;
  probe.driverCudaVersion = version;
  for (int ordinal = 0; ordinal < count; ++ordinal) {
    CUdevice device = 0;
    if (deviceGet(&device, ordinal) != CUDA_SUCCESS) continue;
    GpuInfo gpu;
    gpu.index = ordinal;
    char name[256] = {};
    gpu.name = deviceName(name, sizeof(name) - 1, device) == CUDA_SUCCESS ? std::string(name) : "GPU " + std::to_string(ordinal);
    std::size_t bytes = 0;
    if (totalMem(&bytes, device) == CUDA_SUCCESS) gpu.memoryBytes = bytes;
    attribute(&gpu.computeMajor, ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
    attribute(&gpu.computeMinor, ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
    char busId[64] = {};
    if (pciBusId && pciBusId(busId, sizeof(busId) - 1, device) == CUDA_SUCCESS) gpu.pciBusId = busId;
    probe.gpus.push_back(std::move(gpu));
  }
  probe.message = std::to_string(probe.gpus.size()) + " GPU" + (probe.gpus.size() == 1 ? "" : "s") + " on a driver for CUDA " + cudaVersionText(version);
  return probe;
}

}  // namespace proverdesk
