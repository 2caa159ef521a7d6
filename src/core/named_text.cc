#include "core/named_text.h"

#include "core/csv.h"

namespace continuum {

Result<NamedText> ReadNamedText(const std::string& path) {
  Result<CsvFile> file = CsvFile::Read(path);  // the whole file in memory, named without folder
  if (!file.ok()) return file.status();
  return NamedText{file->name(), std::string(file->text())};
}

}  // namespace continuum
