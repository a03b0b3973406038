/* A stand-in for the NVIDIA driver library (libcuda) for tests on machines without a GPU: the few driver API
 * calls the probe makes, answering from the environment at each call:
 *   FAKE_CUDA_VERSION  CUDA version the "driver" supports (default 12040)
 *   FAKE_CUDA_INIT     what cuInit returns (default 0; 100 = no device, 999 = unknown error)
 *   FAKE_CUDA_GPUS     "name|bytes|major.minor;..." (default: none); GPU n sits on PCI bus n + 1
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int env_int(const char* name, int fallback) {
  const char* value = getenv(name);
  return value ? atoi(value) : fallback;
}

/* The n-th "name|bytes|major.minor" entry, split into its fields; 0 when there is none. */
static int gpu_field(int index, char* name, size_t name_len, unsigned long long* bytes, int* major, int* minor) {
  const char* list = getenv("FAKE_CUDA_GPUS");
  if (!list || !*list) return 0;
  for (int i = 0; i < index; ++i) {
    list = strchr(list, ';');
    if (!list) return 0;
    ++list;
  }
  const char* bar = strchr(list, '|');
  if (!bar) return 0;
  size_t length = (size_t)(bar - list);
  if (length >= name_len) length = name_len - 1;
  memcpy(name, list, length);
  name[length] = '\0';
  return sscanf(bar + 1, "%llu|%d.%d", bytes, major, minor) == 3;
}

int cuInit(unsigned flags) {
  (void)flags;
  return env_int("FAKE_CUDA_INIT", 0);
}

int cuDriverGetVersion(int* version) {
  *version = env_int("FAKE_CUDA_VERSION", 12040);
  return 0;
}

int cuDeviceGetCount(int* count) {
  char name[256];
  unsigned long long bytes;
  int major, minor, n = 0;
  while (gpu_field(n, name, sizeof name, &bytes, &major, &minor)) ++n;
  *count = n;
  return 0;
}

int cuDeviceGet(int* device, int ordinal) {
  *device = ordinal;
  return 0;
}

int cuDeviceGetName(char* name, int length, int device) {
  unsigned long long bytes;
  int major, minor;
  return gpu_field(device, name, (size_t)length, &bytes, &major, &minor) ? 0 : 101;
}

int cuDeviceTotalMem_v2(size_t* bytes, int device) {
  char name[256];
  unsigned long long total;
  int major, minor;
  if (!gpu_field(device, name, sizeof name, &total, &major, &minor)) return 101;
  *bytes = (size_t)total;
  return 0;
}

int cuDeviceGetAttribute(int* value, int attribute, int device) {
  char name[256];
  unsigned long long bytes;
  int major, minor;
  if (!gpu_field(device, name, sizeof name, &bytes, &major, &minor)) return 101;
  *value = attribute == 75 ? major : attribute == 76 ? minor : 0;
  return 0;
}

int cuDeviceGetPCIBusId(char* id, int length, int device) {
  char name[256];
  unsigned long long bytes;
  int major, minor;
  if (!gpu_field(device, name, sizeof name, &bytes, &major, &minor)) return 101;
  snprintf(id, (size_t)length, "0000:%02X:00.0", device + 1);
  return 0;
}

int cuGetErrorString(int code, const char** text) {
  *text = code == 999 ? "CUDA_ERROR_UNKNOWN" : code == 100 ? "CUDA_ERROR_NO_DEVICE" : "CUDA_ERROR";
  return 0;
}
