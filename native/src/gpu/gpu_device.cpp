#include "gpu/gpu_device.hpp"

#include <algorithm>
#include <cstring>

#include "engine.hpp"
#include "engine_error.hpp"
#include "groth16/proving_key.hpp"
#include "ntt/ntt.hpp"

namespace proverdesk {
namespace {

constexpr size_t kErrorBytes = 512;

static_assert(sizeof(G1Affine) == 64 && sizeof(G2Affine) == 128 && sizeof(G2) == 192 && sizeof(U256) == 32 && sizeof(Fr) == 32,
              "the GPU library reads the engine's layouts as they are");

// Lets the library honour pause and cancel without an exception crossing the C interface.
struct ControlBridge {
  ProveControl* control;
  const GpuDevice::Progress* progress;

  static int checkpoint(void* user) {
    auto* self = static_cast<ControlBridge*>(user);
    if (self->control == nullptr) return 0;
    try {
      self->control->checkpoint();  // blocks while paused
      return 0;
    } catch (const Cancelled&) {
      return 1;
    }
  }
  static void report(void* user, double fraction) {
    auto* self = static_cast<ControlBridge*>(user);
    if (self->progress != nullptr && *self->progress) (*self->progress)(fraction);
  }
  pd_gpu_control toC() { return pd_gpu_control{this, &ControlBridge::checkpoint, &ControlBridge::report}; }
};

void copyMontgomery(uint8_t (&to)[32], const Fr& value) { std::memcpy(to, &value.montgomery(), 32); }

}  // namespace

std::shared_ptr<const GpuLibrary> GpuLibrary::load(const std::string& path) {
  std::string why;
  std::optional<SharedLibrary> library = SharedLibrary::open(path, &why);
  if (!library) throw EngineError("the GPU library " + path + " could not be loaded: " + why);
  const auto getApi = library->find<pd_gpu_get_api_fn>(PD_GPU_GET_API_SYMBOL);
  if (getApi == nullptr) throw EngineError(path + " is not a ProverDesk GPU library (no " PD_GPU_GET_API_SYMBOL ")");
  const pd_gpu_api* api = getApi();
  if (api == nullptr || api->abi_version != PD_GPU_ABI_VERSION) {
    throw EngineError(path + " was built for another engine version (GPU interface " + std::to_string(api ? api->abi_version : 0) +
                      ", this engine needs " + std::to_string(PD_GPU_ABI_VERSION) + ")");
  }
  return std::shared_ptr<const GpuLibrary>(new GpuLibrary(std::move(*library), api));
}

GpuBuffer::GpuBuffer(std::shared_ptr<const GpuLibrary> library, pd_gpu_buffer* buffer)
    : library_(std::move(library)), buffer_(buffer, [api = &library_->api()](pd_gpu_buffer* b) { api->buffer_free(b); }) {}

GpuDevice::GpuDevice(std::shared_ptr<const GpuLibrary> library, int index) : library_(std::move(library)), index_(index) {
  char error[kErrorBytes] = {};
  check(library_->api().context_create(index, &context_, error, sizeof error), error);
}

GpuDevice::~GpuDevice() {
  resident_.reset();
  library_->api().context_destroy(context_);
}

void GpuDevice::check(int status, const char* error) const {
  switch (status) {
    case PD_GPU_OK: return;
    case PD_GPU_CANCELLED: throw Cancelled();
    case PD_GPU_OUT_OF_MEMORY: throw EngineError("GPU " + std::to_string(index_) + " is out of memory: " + error);
    default: throw EngineError("GPU " + std::to_string(index_) + ": " + error);
  }
}

GpuDevice::Memory GpuDevice::memory() {
  std::lock_guard lock(mutex_);
  Memory memory;
  char error[kErrorBytes] = {};
  check(library_->api().memory_info(context_, &memory.freeBytes, &memory.totalBytes, error, sizeof error), error);
  return memory;
}

uint64_t GpuDevice::proofBytes(const ProvingKey& key) const {
  const pd_gpu_api& api = library_->api();
  const uint64_t n = key.domainSize;
  const uint64_t points = (uint64_t{key.a.size()} + key.b1.size() + key.c.size() + key.h.size()) * sizeof(G1Affine) + key.b2.size() * sizeof(G2Affine);
  const uint64_t witness = uint64_t{key.nVars} * sizeof(U256);
  const uint64_t h = n * sizeof(U256);
  const uint64_t largestMsm = std::max<uint64_t>(key.nVars, n);
  // H is made (its scratch includes h) before the MSMs; the MSMs then run beside h and the witness.
  const uint64_t msm = std::max(api.msm_scratch_bytes(largestMsm, 1), api.msm_scratch_bytes(key.nVars, 2));
  return points + std::max(api.h_scratch_bytes(key.log2Domain), witness + h + msm);
}

std::shared_ptr<const GpuKeyPoints> GpuDevice::keyPoints(const ProvingKey& key) {
  std::lock_guard lock(mutex_);
  if (resident_ && resident_->keyId == key.id) return resident_;
  resident_.reset();  // free the previous key's points first: both may not fit
  auto points = std::make_shared<GpuKeyPoints>();
  points->keyId = key.id;
  const auto upload = [&](auto bases, auto uploadFunction) {
    pd_gpu_buffer* buffer = nullptr;
    char error[kErrorBytes] = {};
    check(uploadFunction(context_, bases.data(), bases.size(), &buffer, error, sizeof error), error);
    points->bytes += bases.size_bytes();
    return GpuBuffer(library_, buffer);
  };
  const pd_gpu_api& api = library_->api();
  points->a = upload(std::span<const G1Affine>(key.a), api.upload_points);
  points->b1 = upload(std::span<const G1Affine>(key.b1), api.upload_points);
  points->c = upload(std::span<const G1Affine>(key.c), api.upload_points);
  points->h = upload(std::span<const G1Affine>(key.h), api.upload_points);
  points->b2 = upload(std::span<const G2Affine>(key.b2), api.upload_points_g2);
  resident_ = points;
  return points;
}

uint64_t GpuDevice::residentBytes() {
  std::lock_guard lock(mutex_);
  return resident_ ? resident_->bytes : 0;
}

void GpuDevice::dropKeyPoints() {
  std::lock_guard lock(mutex_);
  resident_.reset();
}

GpuBuffer GpuDevice::uploadScalars(std::span<const U256> scalars) {
  std::lock_guard lock(mutex_);
  pd_gpu_buffer* buffer = nullptr;
  char error[kErrorBytes] = {};
  check(library_->api().upload_scalars(context_, scalars.data(), scalars.size(), &buffer, error, sizeof error), error);
  return GpuBuffer(library_, buffer);
}

std::vector<U256> GpuDevice::downloadScalars(const GpuBuffer& scalars, size_t count) {
  std::lock_guard lock(mutex_);
  std::vector<U256> host(count);
  char error[kErrorBytes] = {};
  check(library_->api().download(context_, scalars.get(), host.data(), error, sizeof error), error);
  return host;
}

void GpuDevice::runMsm(MsmCall call, const GpuBuffer& points, const GpuBuffer& scalars, size_t offset, size_t count, ProveControl* control,
                       const Progress& progress, void* result) {
  std::lock_guard lock(mutex_);
  ControlBridge bridge{control, &progress};
  const pd_gpu_control c = bridge.toC();
  char error[kErrorBytes] = {};
  check(call(context_, points.get(), scalars.get(), offset, count, result, &c, error, sizeof error), error);
}

G1 GpuDevice::msm(const GpuBuffer& points, const GpuBuffer& scalars, size_t offset, size_t count, ProveControl* control,
                  const Progress& progress) {
  U256 xyz[3];
  runMsm(library_->api().msm_g1, points, scalars, offset, count, control, progress, xyz);
  return G1(Fq::fromMontgomery(xyz[0]), Fq::fromMontgomery(xyz[1]), Fq::fromMontgomery(xyz[2]));
}

G2 GpuDevice::msmG2(const GpuBuffer& points, const GpuBuffer& scalars, size_t offset, size_t count, ProveControl* control,
                    const Progress& progress) {
  Fq2 xyz[3];
  static_assert(sizeof xyz == 192);
  runMsm(library_->api().msm_g2, points, scalars, offset, count, control, progress, xyz);
  return G2(xyz[0], xyz[1], xyz[2]);
}

GpuBuffer GpuDevice::computeH(std::span<const Fr> a, std::span<const Fr> b, std::span<const Fr> c, unsigned log2n,
                              ProveControl* control, const Progress& progress) {
  const size_t n = size_t{1} << log2n;
  if (a.size() != n || b.size() != n || c.size() != n) throw EngineError("computeH: the polynomials are not the domain's size");
  const Fr omega = rootOfUnity(log2n);
  pd_gpu_ntt_roots roots{};
  copyMontgomery(roots.omega, omega);
  copyMontgomery(roots.omega_inverse, omega.inverse());
  copyMontgomery(roots.size_inverse, Fr::fromUint(n).inverse());
  copyMontgomery(roots.coset_shift, oddCosetShift(log2n));

  std::lock_guard lock(mutex_);
  ControlBridge bridge{control, &progress};
  const pd_gpu_control cc = bridge.toC();
  pd_gpu_buffer* h = nullptr;
  char error[kErrorBytes] = {};
  check(library_->api().compute_h(context_, a.data(), b.data(), c.data(), log2n, &roots, &h, &cc, error, sizeof error), error);
  return GpuBuffer(library_, h);
}

}  // namespace proverdesk
