#include "core/column_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace continuum {
namespace {

Status FileError(const std::string& what) {
  return Status::IoError("a temporary file " + what + ": " + std::strerror(errno));
}

// Reads or writes (`call` is pread or pwrite) all `size` bytes at `offset`, in as many calls as
// it takes.
template <typename Call, typename Byte>
bool Whole(Call call, int fd, Byte* bytes, size_t size, uint64_t offset) {
  while (size > 0) {
    const ssize_t n = call(fd, bytes, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return true;
}

}  // namespace

Result<TemporaryFile> TemporaryFile::Create(const std::string& folder) {
  const std::string where = folder.empty() ? "." : folder;
  int fd = open(where.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    // A file system without unnamed files: a named one, unlinked at once.
    std::string path = where + "/.continuum-column-XXXXXX";
    fd = mkostemp(path.data(), O_CLOEXEC);
    if (fd >= 0) unlink(path.c_str());
  }
  if (fd < 0) return FileError("in " + where + " could not be made");
  TemporaryFile file;
  file.fd_ = fd;
  return file;
}

TemporaryFile& TemporaryFile::operator=(TemporaryFile&& other) noexcept {
  if (this == &other) return *this;
  if (fd_ >= 0) close(fd_);
  fd_ = std::exchange(other.fd_, -1);
  size_ = std::exchange(other.size_, 0);
  return *this;
}

TemporaryFile::~TemporaryFile() {
  if (fd_ >= 0) close(fd_);
}

Status TemporaryFile::Append(const void* data, size_t size) {
  if (!Whole(pwrite, fd_, static_cast<const char*>(data), size, size_))
    return FileError("could not be written (is the disk full?)");
  size_ += size;
  return Status::Ok();
}

Status TemporaryFile::ReadAt(uint64_t offset, void* data, size_t size) const {
  if (!Whole(pread, fd_, static_cast<char*>(data), size, offset))
    return FileError("could not be read back");
  return Status::Ok();
}

Status TemporaryFile::Clear() {
  if (ftruncate(fd_, 0) != 0) return FileError("could not be emptied");
  size_ = 0;
  return Status::Ok();
}

}  // namespace continuum
