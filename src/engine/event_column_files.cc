#include "engine/event_column_files.h"

#include <utility>

namespace continuum {

Result<std::unique_ptr<EventColumnFiles>> EventColumnFiles::Create(const std::string& folder) {
  auto files = std::make_unique<EventColumnFiles>();
  Status status;
  VisitEventColumns(*files, [&](auto& file, auto) {
    if (!status.ok()) return;
    auto created = std::remove_reference_t<decltype(file)>::Create(folder);
    if (created.ok()) {
      file = std::move(*created);
    } else {
      status = created.status();
    }
  });
  if (!status.ok()) return status;
  return files;
}

Status EventColumnFiles::status() const {
  Status status;
  VisitEventColumns(*this, [&](const auto& file, auto) {
    if (status.ok()) status = file.status();
  });
  return status;
}

Status EventColumnFiles::Settle() {
  Status status;
  VisitEventColumns(*this, [&](auto& file, auto) {
    if (status.ok()) status = file.Settle();
  });
  return status;
}

Status EventColumnFiles::Append(EventColumns& events) {
  Status status;
  VisitEventColumns(*this, [&](auto& file, auto column) {
    if (status.ok()) status = file.Append(events.*column);
    std::exchange(events.*column, {});  // the memory goes too, not just the values
  });
  return status;
}

Status EventColumnFiles::TakeAll(EventColumns& events) {
  Status status;
  VisitEventColumns(*this, [&](auto& file, auto column) {
    if (!status.ok()) return;
    auto all = file.TakeAll();
    if (all.ok()) {
      events.*column = std::move(*all);
    } else {
      status = all.status();
    }
  });
  return status;
}

}  // namespace continuum
