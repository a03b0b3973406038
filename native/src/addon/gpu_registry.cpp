#include "addon/gpu_registry.hpp"

#include "engine_error.hpp"

namespace proverdesk {

void GpuRegistry::configure(std::string driverLibrary, std::string gpuLibrary) {
  std::lock_guard lock(mutex_);
  driverLibrary_ = std::move(driverLibrary);
  gpuLibrary_ = std::move(gpuLibrary);
  inventory_.reset();
  devices_.clear();
}

const GpuInventory& GpuRegistry::inventoryLocked() {
  if (!inventory_) inventory_ = takeGpuInventory(driverLibrary_, gpuLibrary_);
  return *inventory_;
}

GpuInventory GpuRegistry::inventory() {
  std::lock_guard lock(mutex_);
  return inventoryLocked();
}

std::shared_ptr<GpuDevice> GpuRegistry::device(int index) {
  std::lock_guard lock(mutex_);
  const GpuInventory& inventory = inventoryLocked();
  const GpuStatus* status = nullptr;
  for (const GpuStatus& gpu : inventory.gpus) {
    if (gpu.index == index) status = &gpu;
  }
  if (status == nullptr) throw EngineError("there is no GPU " + std::to_string(index) + " (" + inventory.summary + ")");
  if (status->state != GpuState::Ready) throw EngineError(status->message);
  auto& device = devices_[index];
  if (!device) device = std::make_shared<GpuDevice>(inventory.library, index);
  return device;
}

GpuRegistry& gpuRegistry() {
  static GpuRegistry registry;
  return registry;
}

}  // namespace proverdesk
