// Node-API binding of the engine: prove() runs off the JS thread and returns a task with a promise and
// cancel/pause/resume; progress arrives on the JS thread, throttled.
#include <napi.h>

#include <chrono>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "../engine.hpp"
#include "../setup/dev_setup.hpp"
#include "gpu_registry.hpp"
#include "key_cache.hpp"

namespace proverdesk {
namespace {

constexpr std::size_t kDefaultKeyCacheBytes = std::size_t{2} << 30;  // 2 GiB until the app sets its limit
KeyCache& keyCache() {
  static KeyCache cache(kDefaultKeyCacheBytes);
  return cache;
}

const char* phaseName(Phase phase) {
  switch (phase) {
    case Phase::LoadKey: return "load-key";
    case Phase::Witness: return "witness";
    case Phase::BuildABC: return "build-abc";
    case Phase::Upload: return "upload";
    case Phase::Ntt: return "ntt";
    case Phase::MsmA: return "msm-a";
    case Phase::MsmB2: return "msm-b2";
    case Phase::MsmB1: return "msm-b1";
    case Phase::MsmC: return "msm-c";
    case Phase::MsmH: return "msm-h";
    case Phase::Finish: return "finish";
  }
  return "unknown";
}

// The error code JS sees (`cancelled`, `bad-input`, `engine`) and a message fit for users, for the
// exception being handled.
struct Failure {
  const char* code;
  std::string message;
};
Failure currentFailure() {
  try {
    throw;
  } catch (const Cancelled&) {
    return {"cancelled", "cancelled"};
  } catch (const EngineError& error) {
    return {"bad-input", error.what()};
  } catch (const std::bad_alloc&) {
    return {"engine", "the engine ran out of memory"};
  } catch (const std::exception& error) {
    return {"engine", std::string("engine failure: ") + error.what()};
  } catch (...) {
    return {"engine", "engine failure: unknown error"};
  }
}

// What the prove and dev-setup workers share: a promise instead of a callback, progress for a JS function,
// the control JS uses to cancel, pause and resume, and engine failures rejected with their code.
template <typename ProgressT>
class ControlledWorker : public Napi::AsyncProgressQueueWorker<ProgressT> {
 public:
  using ExecutionProgress = typename Napi::AsyncProgressQueueWorker<ProgressT>::ExecutionProgress;

  ControlledWorker(Napi::Env env, Napi::Function onProgress, unsigned threads)
      : Napi::AsyncProgressQueueWorker<ProgressT>(Napi::Function::New(env, [](const Napi::CallbackInfo&) {})),
        deferred_(Napi::Promise::Deferred::New(env)),
        onProgress_(Napi::Persistent(onProgress)),
        threads_(threads) {}

  /** Queues the work and returns what JS holds: {promise, cancel, pause, resume}. */
  Napi::Object start(Napi::Env env) {
    std::shared_ptr<ProveControl> control = control_;
    Napi::Object task = Napi::Object::New(env);
    task.Set("promise", deferred_.Promise());
    task.Set("cancel", Napi::Function::New(env, [control](const Napi::CallbackInfo&) { control->cancel(); }));
    task.Set("pause", Napi::Function::New(env, [control](const Napi::CallbackInfo&) { control->pause(); }));
    task.Set("resume", Napi::Function::New(env, [control](const Napi::CallbackInfo&) { control->resume(); }));
    this->Queue();  // node-addon-api deletes the worker when it completes
    return task;
  }

 protected:
  /** The work itself, on a libuv thread; throws what the engine throws. */
  virtual void run(const ExecutionProgress& progress) = 0;

  void Execute(const ExecutionProgress& progress) final {
    try {
      run(progress);
    } catch (...) {
      const Failure failure = currentFailure();
      errorCode_ = failure.code;
      this->SetError(failure.message);
    }
  }

  void OnError(const Napi::Error& error) final {
    Napi::Error rejection = Napi::Error::New(this->Env(), error.Message());
    rejection.Set("code", Napi::String::New(this->Env(), errorCode_));
    deferred_.Reject(rejection.Value());
  }

  Napi::Promise::Deferred deferred_;
  Napi::FunctionReference onProgress_;
  const unsigned threads_;
  const std::shared_ptr<ProveControl> control_ = std::make_shared<ProveControl>();

 private:
  std::string errorCode_ = "engine";
};

/** The thread count argument at `index`: a whole number of at least 1. */
unsigned threadsArgument(const Napi::CallbackInfo& info, std::size_t index) {
  const double threads = info[index].As<Napi::Number>().DoubleValue();
  if (!(threads >= 1) || threads != static_cast<double>(static_cast<unsigned>(threads))) {
    throw Napi::RangeError::New(info.Env(), "threads must be a whole number of at least 1");
  }
  return static_cast<unsigned>(threads);
}

struct Progress {
  Phase phase;
  double fraction;
};

class ProveWorker final : public ControlledWorker<Progress> {
 public:
  ProveWorker(Napi::Env env, Napi::Function onProgress, std::string zkeyPath, std::vector<std::uint8_t> witness,
              unsigned threads, int gpuIndex)
      : ControlledWorker<Progress>(env, onProgress, threads),
        zkeyPath_(std::move(zkeyPath)),
        witness_(std::move(witness)),
        gpuIndex_(gpuIndex) {}

 protected:
  void run(const ExecutionProgress& progress) override {
    const auto started = std::chrono::steady_clock::now();
    progress.Send(std::vector<Progress>{{Phase::LoadKey, 0.0}}.data(), 1);
    const std::shared_ptr<GpuDevice> gpu = gpuIndex_ >= 0 ? gpuRegistry().device(gpuIndex_) : nullptr;
    auto [key, cached] = keyCache().get(zkeyPath_, threads_);
    keyCached_ = cached;
    progress.Send(std::vector<Progress>{{Phase::LoadKey, 1.0}}.data(), 1);
    const double loadKeyMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    control_->checkpoint();

    // Only meaningful steps reach JS: a new phase, 1 % more, or 100 ms since the last report.
    Phase lastPhase = Phase::LoadKey;
    double lastFraction = -1.0;
    auto lastSent = std::chrono::steady_clock::now();
    ProveOptions options{threads_, control_.get(), [&](Phase phase, double fraction) {
                           const auto now = std::chrono::steady_clock::now();
                           if (phase == lastPhase && fraction < 1.0 && fraction - lastFraction < 0.01 &&
                               now - lastSent < std::chrono::milliseconds(100)) {
                             return;
                           }
                           lastPhase = phase;
                           lastFraction = fraction;
                           lastSent = now;
                           const Progress update{phase, fraction};
                           progress.Send(&update, 1);
                         }};
    options.gpu = gpu.get();
    result_ = prove(*key, witness_, options);
    result_.times.loadKeyMs = loadKeyMs;
    totalMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  }

  void OnProgress(const Progress* updates, std::size_t count) override {
    Napi::HandleScope scope(Env());
    for (std::size_t i = 0; i < count; ++i) {
      onProgress_.Call({Napi::String::New(Env(), phaseName(updates[i].phase)),
                        Napi::Number::New(Env(), updates[i].fraction)});
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object stats = Napi::Object::New(env);
    Napi::Object phaseMs = Napi::Object::New(env);
    for (const auto& [phase, ms] : result_.times.entries()) phaseMs.Set(phaseName(phase), ms);
    stats.Set("phaseMs", phaseMs);
    stats.Set("totalMs", totalMs_);
    stats.Set("peakBytes", static_cast<double>(result_.peakBytes));
    stats.Set("keyCached", keyCached_);
    Napi::Object out = Napi::Object::New(env);
    out.Set("proofJson", result_.proofJson);
    out.Set("publicJson", result_.publicJson);
    out.Set("stats", stats);
    deferred_.Resolve(out);
  }

 private:
  std::string zkeyPath_;
  std::vector<std::uint8_t> witness_;
  int gpuIndex_;  // -1: the CPU
  ProveResult result_;
  bool keyCached_ = false;
  double totalMs_ = 0;
};

Napi::Value Prove(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 4 || !info[0].IsString() || !info[1].IsTypedArray() || !info[2].IsNumber() ||
      !info[3].IsFunction()) {
    throw Napi::TypeError::New(env, "prove(zkeyPath: string, witness: Uint8Array, threads: number, onProgress, gpuIndex?: number)");
  }
  const bool onGpu = info.Length() > 4 && !info[4].IsUndefined();
  if (onGpu && (!info[4].IsNumber() || info[4].As<Napi::Number>().Int32Value() < 0)) {
    throw Napi::TypeError::New(env, "prove: gpuIndex must be a GPU's index (0 or more)");
  }
  const int gpuIndex = onGpu ? info[4].As<Napi::Number>().Int32Value() : -1;
  const unsigned threads = threadsArgument(info, 2);
  Napi::Uint8Array bytes = info[1].As<Napi::Uint8Array>();
  std::vector<std::uint8_t> witness(bytes.Data(), bytes.Data() + bytes.ByteLength());
  // node-addon-api's workers own themselves: start() queues it and it deletes itself when done.
  auto* worker = new ProveWorker(env, info[3].As<Napi::Function>(), info[0].As<Napi::String>().Utf8Value(),
                                 std::move(witness), threads, gpuIndex);
  return worker->start(env);
}

struct SetupProgress {
  const char* stage;  // a static string from devSetup
  double fraction;
};

// The INSECURE test-only key generation (setup/dev_setup.hpp), off the JS thread like a proof.
class DevSetupWorker final : public ControlledWorker<SetupProgress> {
 public:
  DevSetupWorker(Napi::Env env, Napi::Function onProgress, std::string r1csPath, std::string zkeyPath, unsigned threads)
      : ControlledWorker<SetupProgress>(env, onProgress, threads),
        r1csPath_(std::move(r1csPath)),
        zkeyPath_(std::move(zkeyPath)) {}

 protected:
  void run(const ExecutionProgress& progress) override {
    const auto started = std::chrono::steady_clock::now();
    const char* lastStage = nullptr;
    double lastFraction = -1.0;
    DevSetupOptions options{threads_, control_.get(), [&](const char* stage, double fraction) {
                              if (stage == lastStage && fraction < 1.0 && fraction - lastFraction < 0.01) return;
                              lastStage = stage;
                              lastFraction = fraction;
                              const SetupProgress update{stage, fraction};
                              progress.Send(&update, 1);
                            }};
    summary_ = devSetup(r1csPath_, zkeyPath_, options);
    totalMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  }

  void OnProgress(const SetupProgress* updates, std::size_t count) override {
    Napi::HandleScope scope(Env());
    for (std::size_t i = 0; i < count; ++i) {
      onProgress_.Call({Napi::String::New(Env(), updates[i].stage), Napi::Number::New(Env(), updates[i].fraction)});
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object out = Napi::Object::New(env);
    out.Set("nVars", summary_.nVars);
    out.Set("nPublic", summary_.nPublic);
    out.Set("nConstraints", summary_.nConstraints);
    out.Set("domainSize", summary_.domainSize);
    out.Set("totalMs", totalMs_);
    deferred_.Resolve(out);
  }

 private:
  std::string r1csPath_;
  std::string zkeyPath_;
  DevSetupSummary summary_;
  double totalMs_ = 0;
};

Napi::Value DevSetup(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 4 || !info[0].IsString() || !info[1].IsString() || !info[2].IsNumber() || !info[3].IsFunction()) {
    throw Napi::TypeError::New(env, "devSetup(r1csPath: string, zkeyPath: string, threads: number, onProgress)");
  }
  auto* worker = new DevSetupWorker(env, info[3].As<Napi::Function>(), info[0].As<Napi::String>().Utf8Value(),
                                    info[1].As<Napi::String>().Utf8Value(), threadsArgument(info, 2));
  return worker->start(env);
}

Napi::Value EstimateMemory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsNumber() || info[1].As<Napi::Number>().Uint32Value() < 1) {
    throw Napi::TypeError::New(env, "estimateMemory(zkeyPath: string, threads: number >= 1)");
  }
  try {
    const unsigned threads = info[1].As<Napi::Number>().Uint32Value();
    auto [key, cached] = keyCache().get(info[0].As<Napi::String>().Utf8Value(), threads);
    return Napi::Number::New(env, static_cast<double>(estimateMemory(*key, threads)));
  } catch (const std::exception& error) {
    throw Napi::Error::New(env, error.what());
  }
}

Napi::Value Devices(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const CpuInfo cpu = cpuInfo();
  Napi::Object entry = Napi::Object::New(env);
  entry.Set("kind", "cpu");
  entry.Set("name", cpu.model);
  entry.Set("cores", cpu.cores);
  Napi::Array features = Napi::Array::New(env, cpu.simd.size());
  for (std::size_t i = 0; i < cpu.simd.size(); ++i) features.Set(static_cast<uint32_t>(i), cpu.simd[i]);
  entry.Set("features", features);
  Napi::Array devices = Napi::Array::New(env);
  devices.Set(0u, entry);
  const GpuInventory inventory = gpuRegistry().inventory();
  for (const GpuStatus& gpu : inventory.gpus) {
    Napi::Object device = Napi::Object::New(env);
    device.Set("kind", "gpu");
    device.Set("id", "cuda:" + std::to_string(gpu.index));
    device.Set("index", gpu.index);
    device.Set("name", gpu.name);
    device.Set("memoryBytes", static_cast<double>(gpu.memoryBytes));
    device.Set("computeCapability", std::to_string(gpu.computeMajor) + "." + std::to_string(gpu.computeMinor));
    device.Set("pciBusId", gpu.pciBusId);
    device.Set("state", gpuStateName(gpu.state));
    device.Set("message", gpu.message);
    if (inventory.library) device.Set("backend", inventory.library->backend());
    devices.Set(devices.Length(), device);
  }
  return devices;
}

// What the GPUs are, beyond the list: "no NVIDIA driver found …", "1 of 1 GPU ready (…)".
Napi::Value GpuSummary(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), gpuRegistry().inventory().summary); }

Napi::Value ConfigureGpu(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsString()) {
    throw Napi::TypeError::New(env, "configureGpu(driverLibrary: string, gpuLibrary: string)");
  }
  gpuRegistry().configure(info[0].As<Napi::String>().Utf8Value(), info[1].As<Napi::String>().Utf8Value());
  return env.Undefined();
}

// Device memory a proof with this key needs on GPU `index`, and what the GPU has free and in all.
Napi::Value EstimateGpuMemory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsNumber() || info[1].As<Napi::Number>().Int32Value() < 0) {
    throw Napi::TypeError::New(env, "estimateGpuMemory(zkeyPath: string, gpuIndex: number >= 0)");
  }
  try {
    auto [key, cached] = keyCache().get(info[0].As<Napi::String>().Utf8Value(), 1);
    const std::shared_ptr<GpuDevice> gpu = gpuRegistry().device(info[1].As<Napi::Number>().Int32Value());
    const GpuDevice::Memory memory = gpu->memory();
    Napi::Object out = Napi::Object::New(env);
    out.Set("neededBytes", static_cast<double>(gpu->proofBytes(*key)));
    // The points kept from the last proof make way for (or are) this key's: they count as free.
    out.Set("freeBytes", static_cast<double>(memory.freeBytes + gpu->residentBytes()));
    out.Set("totalBytes", static_cast<double>(memory.totalBytes));
    return out;
  } catch (const std::exception& error) {
    throw Napi::Error::New(env, error.what());
  }
}

Napi::Value SetKeyCacheLimit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber() || info[0].As<Napi::Number>().DoubleValue() < 0) {
    throw Napi::TypeError::New(env, "setKeyCacheLimit(bytes: number >= 0)");
  }
  keyCache().setLimit(static_cast<std::size_t>(info[0].As<Napi::Number>().DoubleValue()));
  return env.Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("prove", Napi::Function::New(env, Prove));
  exports.Set("devSetup", Napi::Function::New(env, DevSetup));
  exports.Set("estimateMemory", Napi::Function::New(env, EstimateMemory));
  exports.Set("devices", Napi::Function::New(env, Devices));
  exports.Set("gpuSummary", Napi::Function::New(env, GpuSummary));
  exports.Set("configureGpu", Napi::Function::New(env, ConfigureGpu));
  exports.Set("estimateGpuMemory", Napi::Function::New(env, EstimateGpuMemory));
  exports.Set("setKeyCacheLimit", Napi::Function::New(env, SetKeyCacheLimit));
  return exports;
}

}  // namespace
}  // namespace proverdesk

// The macro pastes its argument into a name, so it needs an unqualified function.
static Napi::Object InitEngine(Napi::Env env, Napi::Object exports) { return proverdesk::Init(env, exports); }
NODE_API_MODULE(proverdesk_engine, InitEngine)
