#include "core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace continuum {

Result<std::shared_ptr<const MappedFile>> MappedFile::Open(const std::string& path, Writes writes) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": " + std::strerror(errno));
  }
  struct stat info;
  if (fstat(fd, &info) != 0) {
    const int error = errno;
    close(fd);
    return Status::IoError(path + ": " + std::strerror(error));
  }
  const auto size = static_cast<size_t>(info.st_size);
  char* data = nullptr;
  if (size > 0) {
    const int protection = writes == kPrivateWrites ? PROT_READ | PROT_WRITE : PROT_READ;
    void* mapping = mmap(nullptr, size, protection, MAP_PRIVATE, fd, 0);
    if (mapping == MAP_FAILED) {
      const int error = errno;
      close(fd);
      return Status::IoError(path + ": " + std::strerror(error));
    }
    // Read ahead now: the file is about to be read.
    madvise(mapping, size, MADV_WILLNEED);
    data = static_cast<char*>(mapping);
  }
  close(fd);
  return std::shared_ptr<const MappedFile>(new MappedFile(data, size));
}

size_t MappedFile::Release(size_t from, size_t to) const {
  static const size_t kPage = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  // Whole pages only, and each once: the range already released is not walked again.
  const size_t end = std::min(to, size_) / kPage * kPage;
  if (end <= from) return from;
  madvise(data_ + from, end - from, MADV_DONTNEED);
  return end;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(data_, size_);
}

Status MappedSource::Read(void* data, size_t size) {
  if (size > remaining()) return Status::Corrupt("the data ends early");
  if (size > 0) std::memcpy(data, file_->data() + offset_, size);
  offset_ += size;
  return Status::Ok();
}

const void* MappedSource::Borrow(size_t size) {
  if (size > remaining()) return nullptr;
  const char* at = file_->data() + offset_;
  offset_ += size;
  return at;
}

}  // namespace continuum
