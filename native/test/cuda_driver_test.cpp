// The GPU probe against a stand-in driver library (test/fake_cuda_driver.c; this machine may have no GPU): GPUs
// listed with memory and compute capability, no driver, and a driver that fails to start, each reported as a state
// with a message rather than a crash.
#include <cstdlib>

#include "platform/cuda_driver.hpp"
#include "test_support.hpp"

using namespace proverdesk;

namespace {

std::string fakeDriver() {
  const char* path = std::getenv("PROVERDESK_FAKE_CUDA");
  return path ? path : "";
}

void configure(const char* version, const char* init, const char* gpus) {
  setenv("FAKE_CUDA_VERSION", version, 1);
  setenv("FAKE_CUDA_INIT", init, 1);
  setenv("FAKE_CUDA_GPUS", gpus, 1);
}

}  // namespace

TEST(gpu_probe_lists_gpus_with_memory_and_compute_capability) {
  CHECK(!fakeDriver().empty());
  configure("12040", "0", "NVIDIA H100 80GB HBM3|85520809984|9.0;NVIDIA GeForce RTX 4090|25393692672|8.9");
  const GpuProbe probe = probeCudaDriver(fakeDriver());
  CHECK(probe.state == GpuDriverState::Ready);
  CHECK(probe.driverCudaVersion == 12040);
  CHECK(probe.gpus.size() == 2);
  if (probe.gpus.size() == 2) {
    CHECK(probe.gpus[0].name == "NVIDIA H100 80GB HBM3");
    CHECK(probe.gpus[0].memoryBytes == 85520809984ULL);
    CHECK(probe.gpus[0].computeMajor == 9 && probe.gpus[0].computeMinor == 0);
    CHECK(probe.gpus[1].index == 1 && probe.gpus[1].computeMinor == 9);
    CHECK(probe.gpus[0].pciBusId == "0000:01:00.0" && probe.gpus[1].pciBusId == "0000:02:00.0");
  }
  CHECK(probe.message == "2 GPUs on a driver for CUDA 12.4");
}

TEST(gpu_probe_lists_the_gpus_of_an_old_driver_too) {
  // Whether it is too old depends on the GPU library; gpu_inventory judges (gpu_inventory_test).
  configure("11040", "0", "Tesla T4|15843721216|7.5");
  const GpuProbe probe = probeCudaDriver(fakeDriver());
  CHECK(probe.state == GpuDriverState::Ready);
  CHECK(probe.driverCudaVersion == 11040 && probe.gpus.size() == 1);
}

TEST(gpu_probe_reports_no_driver_and_a_failing_one) {
  const GpuProbe missing = probeCudaDriver("/nonexistent/libcuda.so.1");
  CHECK(missing.state == GpuDriverState::NoDriver);
  CHECK(missing.message.find("no NVIDIA driver found") == 0);

  // A library that is not a CUDA driver at all.
  const GpuProbe notADriver = probeCudaDriver("libm.so.6");
  CHECK(notADriver.state == GpuDriverState::Failed);
  CHECK(notADriver.message == "libm.so.6 is not a usable CUDA driver (entry points missing)");

  configure("12040", "999", "");
  const GpuProbe broken = probeCudaDriver(fakeDriver());
  CHECK(broken.state == GpuDriverState::Failed);
  CHECK(broken.message == "the NVIDIA driver did not start: CUDA_ERROR_UNKNOWN (999)");

  configure("12040", "100", "");
  const GpuProbe none = probeCudaDriver(fakeDriver());
  CHECK(none.state == GpuDriverState::Ready);
  CHECK(none.gpus.empty());
  CHECK(std::string(gpuDriverStateName(none.state)) == "ready");
}
