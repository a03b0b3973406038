// The addon's GPUs: the inventory (taken once, with the library paths the app configured) and one context per GPU
// kept for the process's life, so a key's points stay in GPU memory between proofs.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "gpu/gpu_inventory.hpp"

namespace proverdesk {

class GpuRegistry {
 public:
  // Where the driver and the GPU library are ("" for the platform's driver / no library); forgets what it knew.
  void configure(std::string driverLibrary, std::string gpuLibrary);
  GpuInventory inventory();
  // The GPU with this index, ready to prove; throws EngineError with the inventory's reason when it is not.
  std::shared_ptr<GpuDevice> device(int index);

 private:
  const GpuInventory& inventoryLocked();

  std::mutex mutex_;
  std::string driverLibrary_;
  std::string gpuLibrary_;
  std::optional<GpuInventory> inventory_;
  std::map<int, std::shared_ptr<GpuDevice>> devices_;
};

GpuRegistry& gpuRegistry();

}  // namespace proverdesk
