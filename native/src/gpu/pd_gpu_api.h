/* The C interface between the engine and its GPU compute library (libproverdesk_cuda, or the host-emulated
 * build of the same kernels used by tests). The engine loads the library at run time, so a machine without
 * CUDA installs and runs without it. Plain C types only: the two sides may come from different compilers.
 *
 * Data formats are the engine's (and snarkjs's) little-endian ones: a BN254 field element is 32 bytes in
 * Montgomery form (R = 2^256); a G1 affine point is x then y (64 bytes), (0, 0) being infinity; a scalar is
 * 32 bytes, canonical (below r); a G1 Jacobian result is X, Y, Z (96 bytes), Z = 0 being infinity. G2 is over
 * Fq2 = c0 + c1·u (64 bytes per coordinate): 128-byte affine points, 192-byte Jacobian results.
 *
 * Every call that can fail returns a PD_GPU_* status and writes a message for people into `error`
 * (`error_len` bytes, always NUL-terminated). Calls on one context must not overlap. */
#ifndef PD_GPU_API_H
#define PD_GPU_API_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PD_GPU_ABI_VERSION 2

enum {
  PD_GPU_OK = 0,
  PD_GPU_ERROR = 1,
  PD_GPU_CANCELLED = 2,
  PD_GPU_OUT_OF_MEMORY = 3
};

typedef struct pd_gpu_context pd_gpu_context;
typedef struct pd_gpu_buffer pd_gpu_buffer;

/* Lets the engine stop or pause long work and see its progress; the library calls both between kernels. */
typedef struct pd_gpu_control {
  void* user;
  /* 0 to go on, nonzero to stop now (the call then returns PD_GPU_CANCELLED); may block while paused. */
  int (*checkpoint)(void* user);
  /* Increasing fractions of the current call's work, 0 to 1. May be NULL. */
  void (*progress)(void* user, double fraction);
} pd_gpu_control;

typedef struct pd_gpu_device_info {
  char name[128];
  uint64_t memory_bytes;
  int compute_major;
  int compute_minor;
} pd_gpu_device_info;

/* Roots for the coset step that turns A, B, C evaluations into H (all Fr, Montgomery form). */
typedef struct pd_gpu_ntt_roots {
  uint8_t omega[32];         /* primitive 2^log2n-th root of unity */
  uint8_t omega_inverse[32];
  uint8_t size_inverse[32];  /* 1 / 2^log2n */
  uint8_t coset_shift[32];   /* primitive 2^(log2n+1)-th root: the odd coset is shift·ω^i */
} pd_gpu_ntt_roots;

typedef struct pd_gpu_api {
  uint32_t abi_version;
  /* "cuda", or "emulated" for the host build that runs the kernels on the CPU. */
  const char* backend;
  /* The CUDA runtime it was built with (13000 = 13.0), which the driver must support; 0 when emulated. */
  uint32_t cuda_runtime_version;
  /* The oldest GPU it has code for, as major·10 + minor (75 = 7.5); 0 when emulated. */
  uint32_t min_compute_capability;

  int (*device_count)(int* count, char* error, size_t error_len);
  int (*device_info)(int device, pd_gpu_device_info* info, char* error, size_t error_len);

  int (*context_create)(int device, pd_gpu_context** context, char* error, size_t error_len);
  void (*context_destroy)(pd_gpu_context* context);
  int (*memory_info)(pd_gpu_context* context, uint64_t* free_bytes, uint64_t* total_bytes, char* error, size_t error_len);

  /* Device memory the calls below need beyond their inputs: an MSM of `count` points on G1 or G2 (`group` 1 or 2);
   * H for 2^log2n, its output included. */
  uint64_t (*msm_scratch_bytes)(uint64_t count, uint32_t group);
  uint64_t (*h_scratch_bytes)(uint32_t log2n);

  /* Copies G1 or G2 affine points, or canonical scalars, to the device; the buffer lives until buffer_free. */
  int (*upload_points)(pd_gpu_context* context, const void* points, uint64_t count, pd_gpu_buffer** buffer, char* error, size_t error_len);
  int (*upload_points_g2)(pd_gpu_context* context, const void* points, uint64_t count, pd_gpu_buffer** buffer, char* error, size_t error_len);
  int (*upload_scalars)(pd_gpu_context* context, const void* scalars, uint64_t count, pd_gpu_buffer** buffer, char* error, size_t error_len);
  void (*buffer_free)(pd_gpu_buffer* buffer);
  /* Copies a buffer's elements back (64 bytes per G1 point, 128 per G2 point, 32 per scalar). */
  int (*download)(pd_gpu_context* context, const pd_gpu_buffer* buffer, void* host, char* error, size_t error_len);

  /* Σ scalars[offset + i]·points[i] for i < count, into `result` (G1 Jacobian). */
  int (*msm_g1)(pd_gpu_context* context, const pd_gpu_buffer* points, const pd_gpu_buffer* scalars, uint64_t scalar_offset,
                uint64_t count, void* result, const pd_gpu_control* control, char* error, size_t error_len);
  /* The same on G2 (points from upload_points_g2), into a 192-byte G2 Jacobian `result`. */
  int (*msm_g2)(pd_gpu_context* context, const pd_gpu_buffer* points, const pd_gpu_buffer* scalars, uint64_t scalar_offset,
                uint64_t count, void* result, const pd_gpu_control* control, char* error, size_t error_len);

  /* From the evaluations of A·w, B·w and C = A∘B on the domain (2^log2n Fr each, Montgomery), moves each to the
   * odd coset (inverse NTT, scale by shift^j / n, NTT) and leaves h_i = a_i·b_i − c_i there, as canonical scalars
   * in a new buffer for msm_g1. */
  int (*compute_h)(pd_gpu_context* context, const void* a, const void* b, const void* c, uint32_t log2n,
                   const pd_gpu_ntt_roots* roots, pd_gpu_buffer** h, const pd_gpu_control* control, char* error, size_t error_len);
} pd_gpu_api;

/* The one exported symbol. */
typedef const pd_gpu_api* (*pd_gpu_get_api_fn)(void);
#define PD_GPU_GET_API_SYMBOL "pd_gpu_get_api"

#ifdef __cplusplus
}
#endif

#endif
