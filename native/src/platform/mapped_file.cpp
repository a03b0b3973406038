#include "platform/mapped_file.hpp"

#include <cstdio>
#include <memory>

#include "engine_error.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define PROVERDESK_HAVE_MMAP 1
#endif

namespace proverdesk {

namespace {

std::vector<uint8_t> readAll(const std::string& path, const char* what) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw EngineError(std::string("cannot open the ") + what + " " + path);
  std::vector<uint8_t> bytes;
  uint8_t buffer[1 << 16];
  for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0;) bytes.insert(bytes.end(), buffer, buffer + n);
  if (std::ferror(file.get())) throw EngineError(std::string("cannot read the ") + what + " " + path);
  return bytes;
}

}  // namespace

MappedFile::MappedFile(const std::string& path, const char* what) {
#ifdef PROVERDESK_HAVE_MMAP
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw EngineError(std::string("cannot open the ") + what + " " + path);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      mapping_ = p;
      mappedSize_ = static_cast<size_t>(info.st_size);
      bytes_ = std::span<const uint8_t>(static_cast<const uint8_t*>(p), mappedSize_);
    }
  }
  ::close(fd);
  if (mapping_) return;
#endif
  copy_ = readAll(path, what);
  bytes_ = copy_;
}

MappedFile::~MappedFile() {
#ifdef PROVERDESK_HAVE_MMAP
  if (mapping_) ::munmap(mapping_, mappedSize_);
#endif
}

}  // namespace proverdesk
