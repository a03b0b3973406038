// Which GPUs the engine offers, judged from the (stand-in) driver's GPUs and the (emulated) GPU library's needs:
// ready ones with memory and compute capability; an old driver, an old GPU, a missing library and no driver as
// states with messages that say what to do.
#include <cstdlib>

#include "gpu/gpu_inventory.hpp"
#include "test_support.hpp"

using namespace proverdesk;

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

void fakeGpus(const char* version, const char* gpus) {
  setenv("FAKE_CUDA_VERSION", version, 1);
  setenv("FAKE_CUDA_INIT", "0", 1);
  setenv("FAKE_CUDA_GPUS", gpus, 1);
}

// The emulated library claims a CUDA 13.0 build with code for 7.5 and newer.
void claimRealRequirements(bool claim) {
  if (claim) {
    setenv("PROVERDESK_EMULATED_CUDA_RUNTIME", "13000", 1);
    setenv("PROVERDESK_EMULATED_MIN_COMPUTE", "75", 1);
  } else {
    unsetenv("PROVERDESK_EMULATED_CUDA_RUNTIME");
    unsetenv("PROVERDESK_EMULATED_MIN_COMPUTE");
  }
}

}  // namespace

TEST(gpu_inventory_lists_ready_gpus) {
  fakeGpus("13000", "NVIDIA H100 80GB HBM3|85520809984|9.0");
  claimRealRequirements(true);
  const GpuInventory inventory = takeGpuInventory(environment("PROVERDESK_FAKE_CUDA"), environment("PROVERDESK_GPU_LIBRARY"));
  claimRealRequirements(false);
  CHECK(inventory.library != nullptr);
  CHECK(inventory.gpus.size() == 1);
  if (inventory.gpus.size() == 1) {
    CHECK(inventory.gpus[0].state == GpuState::Ready);
    CHECK(inventory.gpus[0].memoryBytes == 85520809984ULL && inventory.gpus[0].computeMajor == 9);
    CHECK(inventory.gpus[0].message == "GPU 0 (NVIDIA H100 80GB HBM3): ready, 79.6 GiB, compute capability 9.0");
  }
  CHECK(inventory.summary == "1 of 1 GPU ready (1 GPU on a driver for CUDA 13.0)");
}

TEST(gpu_inventory_says_which_driver_or_gpu_is_too_old) {
  fakeGpus("11040", "Tesla T4|15843721216|7.5");
  claimRealRequirements(true);
  const GpuInventory oldDriver = takeGpuInventory(environment("PROVERDESK_FAKE_CUDA"), environment("PROVERDESK_GPU_LIBRARY"));
  CHECK(oldDriver.gpus.size() == 1 && oldDriver.gpus[0].state == GpuState::DriverTooOld);
  CHECK(oldDriver.gpus[0].message ==
        "GPU 0 (Tesla T4): driver 470 is too old (it supports CUDA 11.4); GPU proving needs CUDA 13.0, driver 580 or newer: update the NVIDIA driver");
  CHECK(oldDriver.summary == "0 of 1 GPU ready (1 GPU on a driver for CUDA 11.4)");

  fakeGpus("13000", "NVIDIA GeForce GTX 1080|8589934592|6.1;NVIDIA GeForce RTX 4090|25393692672|8.9");
  const GpuInventory oldGpu = takeGpuInventory(environment("PROVERDESK_FAKE_CUDA"), environment("PROVERDESK_GPU_LIBRARY"));
  claimRealRequirements(false);
  CHECK(oldGpu.gpus.size() == 2);
  if (oldGpu.gpus.size() == 2) {
    CHECK(oldGpu.gpus[0].state == GpuState::Unsupported);
    CHECK(oldGpu.gpus[0].message == "GPU 0 (NVIDIA GeForce GTX 1080): compute capability 6.1 is older than this build supports (7.5)");
    CHECK(oldGpu.gpus[1].state == GpuState::Ready);
  }
  CHECK(driverBranchForCuda(12040) == "550" && driverBranchForCuda(12070) == "560" && driverBranchForCuda(10020).empty());
}

TEST(gpu_inventory_reports_a_missing_library_or_driver) {
  fakeGpus("13000", "NVIDIA L4|24152899584|8.9");
  const GpuInventory noLibrary = takeGpuInventory(environment("PROVERDESK_FAKE_CUDA"), "");
  CHECK(noLibrary.library == nullptr && noLibrary.gpus.size() == 1);
  if (noLibrary.gpus.size() == 1) {
    CHECK(noLibrary.gpus[0].state == GpuState::NoGpuLibrary);
    CHECK(noLibrary.gpus[0].message == "GPU 0 (NVIDIA L4): this build of ProverDesk has no CUDA backend (it was built without nvcc)");
    CHECK(std::string(gpuStateName(noLibrary.gpus[0].state)) == "no-gpu-library");
  }
  const GpuInventory brokenLibrary = takeGpuInventory(environment("PROVERDESK_FAKE_CUDA"), "/nonexistent/libproverdesk_cuda.so");
  CHECK(brokenLibrary.gpus.size() == 1 && brokenLibrary.gpus[0].message.find("could not be loaded") != std::string::npos);

  const GpuInventory noDriver = takeGpuInventory("/nonexistent/libcuda.so.1", environment("PROVERDESK_GPU_LIBRARY"));
  CHECK(noDriver.gpus.empty() && noDriver.library == nullptr);
  CHECK(noDriver.summary.find("no NVIDIA driver found") == 0);
}
