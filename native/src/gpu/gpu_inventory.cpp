#include "gpu/gpu_inventory.hpp"

#include <array>
#include <utility>

#include "engine_error.hpp"
#include "platform/cuda_driver.hpp"

namespace proverdesk {
namespace {

// From NVIDIA's CUDA toolkit release notes (minimum Linux driver per toolkit version).
constexpr std::array<std::pair<int, const char*>, 19> kDriverBranches{{
    {11000, "450"}, {11010, "455"}, {11020, "460"}, {11030, "465"}, {11040, "470"}, {11050, "495"}, {11060, "510"},
    {11070, "515"}, {11080, "520"}, {12000, "525"}, {12010, "530"}, {12020, "535"}, {12030, "545"}, {12040, "550"},
    {12050, "555"}, {12060, "560"}, {12080, "570"}, {12090, "575"}, {13000, "580"},
}};

std::string gpuLabel(const GpuInfo& gpu) { return "GPU " + std::to_string(gpu.index) + " (" + gpu.name + ")"; }

std::string gibText(uint64_t bytes) {
  const double gib = static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
  char text[32];
  std::snprintf(text, sizeof text, "%.1f GiB", gib);
  return text;
}

GpuStatus judge(const GpuInfo& gpu, int driverVersion, const GpuLibrary* library, const std::string& libraryProblem) {
  GpuStatus status{gpu.index, gpu.name, gpu.memoryBytes, gpu.computeMajor, gpu.computeMinor, gpu.pciBusId, GpuState::Ready, ""};
  const std::string label = gpuLabel(gpu);
  if (library == nullptr) {
    status.state = GpuState::NoGpuLibrary;
    status.message = label + ": " + libraryProblem;
    return status;
  }
  const int required = library->requiredDriverCudaVersion();
  if (required > 0 && driverVersion > 0 && driverVersion < required) {
    const std::string branch = driverBranchForCuda(driverVersion);
    const std::string needed = driverBranchForCuda(required);
    status.state = GpuState::DriverTooOld;
    status.message = label + ": driver " + (branch.empty() ? "" : branch + " ") + "is too old (it supports CUDA " + cudaVersionText(driverVersion) +
                     "); GPU proving needs CUDA " + cudaVersionText(required) + (needed.empty() ? "" : ", driver " + needed + " or newer") +
                     ": update the NVIDIA driver";
    return status;
  }
  const int capability = gpu.computeMajor * 10 + gpu.computeMinor;
  const int oldest = library->minComputeCapability();
  if (oldest > 0 && capability < oldest) {
    status.state = GpuState::Unsupported;
    status.message = label + ": compute capability " + std::to_string(gpu.computeMajor) + "." + std::to_string(gpu.computeMinor) +
                     " is older than this build supports (" + std::to_string(oldest / 10) + "." + std::to_string(oldest % 10) + ")";
    return status;
  }
  status.message = label + ": ready, " + gibText(gpu.memoryBytes) + ", compute capability " + std::to_string(gpu.computeMajor) + "." +
                   std::to_string(gpu.computeMinor);
  return status;
}

}  // namespace

const char* gpuStateName(GpuState state) {
  switch (state) {
    case GpuState::Ready: return "ready";
    case GpuState::NoDriver: return "no-driver";
    case GpuState::DriverTooOld: return "driver-too-old";
    case GpuState::NoGpuLibrary: return "no-gpu-library";
    case GpuState::Unsupported: return "unsupported";
    case GpuState::Failed: return "failed";
  }
  return "failed";
}

std::string driverBranchForCuda(int cudaVersion) {
  const char* branch = "";
  for (const auto& [version, name] : kDriverBranches) {
    if (version <= cudaVersion) branch = name;
  }
  return cudaVersion < kDriverBranches.front().first ? "" : branch;
}

GpuInventory takeGpuInventory(const std::string& driverLibrary, const std::string& gpuLibrary) {
  GpuInventory inventory;
  const GpuProbe probe = probeCudaDriver(driverLibrary);
  if (probe.state != GpuDriverState::Ready) {
    inventory.summary = probe.message;
    return inventory;
  }
  std::string libraryProblem = "this build of ProverDesk has no CUDA backend (it was built without nvcc)";
  if (!gpuLibrary.empty()) {
    try {
      inventory.library = GpuLibrary::load(gpuLibrary);
    } catch (const EngineError& error) {
      libraryProblem = error.what();
    }
  }
  size_t ready = 0;
  for (const GpuInfo& gpu : probe.gpus) {
    inventory.gpus.push_back(judge(gpu, probe.driverCudaVersion, inventory.library.get(), libraryProblem));
    if (inventory.gpus.back().state == GpuState::Ready) ++ready;
  }
  inventory.summary = probe.gpus.empty() ? probe.message
                                         : std::to_string(ready) + " of " + std::to_string(probe.gpus.size()) + " GPU" +
                                               (probe.gpus.size() == 1 ? "" : "s") + " ready (" + probe.message + ")";
  return inventory;
}

}  // namespace proverdesk
