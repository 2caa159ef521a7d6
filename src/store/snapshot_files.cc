#include "store/snapshot_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

namespace continuum {
namespace {

constexpr const char* kSuffix = ".snapshot";
constexpr size_t kBufferBytes = size_t{1} << 20;  // smaller writes gather here

std::string Hex(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) text[static_cast<size_t>(i)] = kDigits[value & 15];
  return text;
}

// Who may read the workspace file, which the snapshots, holding the same data, copy: its owner,
// group and read and write bits (its owner's alone when it cannot be found).
struct Access {
  uid_t owner = static_cast<uid_t>(-1);
  gid_t group = static_cast<gid_t>(-1);
  mode_t mode = 0600;
};

Access AccessOf(const std::string& workspace_path) {
  struct stat info;
  if (stat(workspace_path.c_str(), &info) != 0) return {};
  return {info.st_uid, info.st_gid, static_cast<mode_t>(info.st_mode & 0666)};
}

// Gives an open file or folder the workspace's owner (where this process may: as root) and group
// (where it is one of them), then its mode; a group it cannot take loses the group's bits, so no
// other group can read what the workspace's group could. A folder may be searched where it may be
// read. Files are left read-only: nothing writes to a snapshot once written, and one changed under
// a reader after its checks would be trusted.
void Match(int fd, const Access& access, bool folder) {
  const bool root = geteuid() == 0;
  const bool grouped = fchown(fd, root ? access.owner : static_cast<uid_t>(-1), access.group) == 0;
  mode_t mode = grouped ? access.mode : (access.mode & ~mode_t{070});
  mode = folder ? (mode | ((mode & 0444) >> 2)) : (mode & 0444);
  fchmod(fd, mode);
}

}  // namespace

std::string SnapshotFolder(const std::string& workspace_path) {
  return workspace_path + "-snapshots";
}

Result<std::unique_ptr<SnapshotFileSink>> CreateSnapshotFile(const std::string& workspace_path,
                                                             size_t size) {
  const std::string folder = SnapshotFolder(workspace_path);
  const Access access = AccessOf(workspace_path);
  if (mkdir(folder.c_str(), 0700) == 0) {
    const int dir = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      Match(dir, access, true);
      close(dir);
    }
  } else if (errno != EEXIST) {
    return Status::IoError("making " + folder + ": " + std::strerror(errno));
  }
  std::random_device device;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const uint64_t draw = (uint64_t{device()} << 32) | device();
    std::string name = Hex(draw) + kSuffix;
    std::string path = folder + "/" + name;
    // Written through this descriptor, whatever the file's mode becomes.
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      Match(fd, access, false);
      return std::unique_ptr<SnapshotFileSink>(
          new SnapshotFileSink(fd, std::move(path), std::move(name), size));
    }
    if (errno != EEXIST) return Status::IoError("writing " + path + ": " + std::strerror(errno));
  }
  return Status::IoError("no fresh file name in " + folder);
}

SnapshotFileSink::~SnapshotFileSink() {
  Flush().ok();  // a short file reads as damaged and is rebuilt from the rows
  close(fd_);
}

Status SnapshotFileSink::WriteAll(const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("writing " + path_ + ": " + std::strerror(errno));
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status SnapshotFileSink::Flush() {
  if (buffer_.empty()) return Status::Ok();
  Status status = WriteAll(buffer_.data(), buffer_.size());
  buffer_.clear();
  return status;
}

Status SnapshotFileSink::Write(const void* data, size_t size) {
  if (size > size_ - written_) return Status::Internal("snapshot larger than declared");
  written_ += size;
  const auto* bytes = static_cast<const char*>(data);
  if (buffer_.size() + size <= kBufferBytes) {
    if (buffer_.capacity() == 0) buffer_.reserve(kBufferBytes);
    buffer_.append(bytes, size);
  } else {
    CONTINUUM_RETURN_IF_ERROR(Flush());
    CONTINUUM_RETURN_IF_ERROR(WriteAll(bytes, size));
  }
  if (written_ == size_) return Flush();
  return Status::Ok();
}

void RemoveSnapshotFilesOtherThan(const std::string& workspace_path,
                                  const std::set<std::string>& keep) {
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(SnapshotFolder(workspace_path), error)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(kSuffix) && !keep.contains(name))
      std::filesystem::remove(entry.path(), error);
  }
}

}  // namespace continuum
