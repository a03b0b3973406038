// Which GPUs this engine can prove on, and why not where it cannot: the driver's GPUs (platform/cuda_driver)
// judged against the GPU library this build has (its CUDA version and oldest compute capability).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gpu/gpu_device.hpp"

namespace proverdesk {

enum class GpuState { Ready, NoDriver, DriverTooOld, NoGpuLibrary, Unsupported, Failed };

const char* gpuStateName(GpuState state);

struct GpuStatus {
  int index = 0;
  std::string name;
  uint64_t memoryBytes = 0;
  int computeMajor = 0;
  int computeMinor = 0;
  std::string pciBusId;  // "0000:01:00.0", or empty
  GpuState state = GpuState::Failed;
  std::string message;  // for people: "GPU 0 (Tesla T4): driver 470 is too old …"
};

struct GpuInventory {
  std::string summary;  // for people, e.g. "no NVIDIA driver found …" or "1 GPU ready"
  std::vector<GpuStatus> gpus;
  std::shared_ptr<const GpuLibrary> library;  // null when no GPU library could be loaded
};

// `driverLibrary` empty: the platform's driver; `gpuLibrary` empty: this build has none.
GpuInventory takeGpuInventory(const std::string& driverLibrary, const std::string& gpuLibrary);

// The NVIDIA Linux driver branch that first supports a CUDA version ("470" for 11.4), or "" when unknown.
std::string driverBranchForCuda(int cudaVersion);

}  // namespace proverdesk
