// The engine snapshots' files. A snapshot is kept beside the workspace, in the folder
// `<workspace>-snapshots`, as a file of its own rather than inside the database, so that it is
// written in one pass and read by mapping it (core/mapped_file.h): its columns are then used where
// the page cache holds them. The workspace's table `engine_snapshot_files` says which file is the
// current one for each snapshot name and generation; a file it does not name is left over from a
// write rolled back or superseded, and goes when the next write commits (store/workspace.cc).
//
//   auto sink = CreateSnapshotFile(workspace_path, size);  // then Write() exactly size bytes
//   RemoveSnapshotFilesOtherThan(workspace_path, {(*sink)->name()});
#pragma once

#include <memory>
#include <set>
#include <string>

#include "core/bytes.h"
#include "core/status.h"

namespace continuum {

std::string SnapshotFolder(const std::string& workspace_path);

// A new file under a fresh random name in `folder` (made if missing, with the workspace file's
// permissions): a sink of exactly `size` bytes, written through a buffer.
class SnapshotFileSink : public ByteSink {
 public:
  ~SnapshotFileSink() override;
  Status Write(const void* data, size_t size) override;
  const std::string& name() const { return name_; }  // within the folder

 private:
  friend Result<std::unique_ptr<SnapshotFileSink>> CreateSnapshotFile(
      const std::string& workspace_path, size_t size);
  SnapshotFileSink(int fd, std::string path, std::string name, size_t size)
      : fd_(fd), path_(std::move(path)), name_(std::move(name)), size_(size) {}
  Status Flush();
  Status WriteAll(const char* data, size_t size);

  int fd_;
  std::string path_, name_;
  size_t size_;         // declared
  size_t written_ = 0;  // so far, buffered included
  std::string buffer_;
};

Result<std::unique_ptr<SnapshotFileSink>> CreateSnapshotFile(const std::string& workspace_path,
                                                             size_t size);

// Removes every snapshot file in the workspace's folder whose name is not in `keep`; what cannot
// be removed stays for the next time.
void RemoveSnapshotFilesOtherThan(const std::string& workspace_path,
                                  const std::set<std::string>& keep);

}  // namespace continuum
