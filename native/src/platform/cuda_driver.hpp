// What the NVIDIA driver says about this machine's GPUs, read through the CUDA driver API loaded at run time
// (libcuda.so.1 / nvcuda.dll), so the engine builds and runs the same on a machine without CUDA. A missing driver,
// or one that fails, is a reported state with a message, never a crash; whether the driver is new enough for the
// GPU library is for gpu_inventory to judge.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace proverdesk {

struct GpuInfo {
  int index = 0;
  std::string name;
  std::uint64_t memoryBytes = 0;
  int computeMajor = 0;
  int computeMinor = 0;
  // "0000:01:00.0" (domain:bus:device.function), by which the OS's view of the same card is found; empty if unknown.
  std::string pciBusId;
};

enum class GpuDriverState { Ready, NoDriver, Failed };

struct GpuProbe {
  GpuDriverState state = GpuDriverState::NoDriver;
  /** For people: what was found, or why no GPU can be used. */
  std::string message;
  /** CUDA version the driver supports, as the driver API gives it (12040 = 12.4); 0 when unknown. */
  int driverCudaVersion = 0;
  std::vector<GpuInfo> gpus;
};

/**
 * Loads the driver library (`library`, or the platform's default when empty) and lists its GPUs. Each call loads
 * and unloads it; callers cache the answer.
 */
GpuProbe probeCudaDriver(const std::string& library = {});

const char* gpuDriverStateName(GpuDriverState state);

// "12.4" for 12040.
std::string cudaVersionText(int version);

}  // namespace proverdesk
