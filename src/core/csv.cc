#include "core/csv.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

namespace continuum {

Result<CsvFile> CsvFile::Read(const std::string& path) {
  // A pipe (/dev/stdin, a shell's <(...)) cannot be mapped: its bytes are read in.
  struct stat info;
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return Status::InvalidInput(path + " is a folder; give the CSV file inside it");
  }
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Status::IoError("could not read " + path + ": " + std::strerror(errno));
    const size_t slash = path.find_last_of('/');
    return FromText(slash == std::string::npos ? path : path.substr(slash + 1), std::move(text));
  }
  auto mapped = MappedFile::Open(path);
  if (!mapped.ok()) return mapped.status();
  CsvFile file;
  const size_t slash = path.find_last_of('/');
  file.name_ = slash == std::string::npos ? path : path.substr(slash + 1);
  file.mapped_ = std::move(*mapped);
  if (file.mapped_->size() > 0)
    file.text_ = std::string_view(file.mapped_->data(), file.mapped_->size());
  return file;
}

CsvFile CsvFile::FromText(std::string name, std::string text) {
  CsvFile file;
  file.name_ = std::move(name);
  file.owned_ = std::move(text);
  file.text_ = file.owned_;
  return file;
}

CsvFile& CsvFile::operator=(CsvFile&& other) noexcept {
  if (this == &other) return *this;
  name_ = std::move(other.name_);
  owned_ = std::move(other.owned_);
  mapped_ = std::move(other.mapped_);
  released_ = std::exchange(other.released_, 0);
  text_ = mapped_ != nullptr ? other.text_ : std::string_view(owned_);
  other.text_ = {};
  return *this;
}

void CsvFile::Release(size_t offset) {
  if (mapped_ == nullptr) return;
  released_ = mapped_->Release(released_, offset);
}

CsvCursor::CsvCursor(const CsvFile& file) : text_(file.text()) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") position_ = 3;
}

bool CsvCursor::Next(std::vector<std::string_view>* fields) {
  fields->clear();
  const size_t limit = text_.size();
  if (!status_.ok() || position_ >= limit) return false;
  line_ = next_line_;
  const char* begin = text_.data() + position_;
  const char* stop = text_.data() + limit;
  const char* newline = static_cast<const char*>(std::memchr(begin, '\n', stop - begin));
  const char* row_end = newline == nullptr ? stop : newline;
  if (std::memchr(begin, '"', row_end - begin) != nullptr) return ParseQuotedRow(fields);
  if (newline == nullptr) {
    raw_row_ = std::string_view(begin, stop - begin);
    status_ = Status::InvalidInput("the file ends without a line break; it may be truncated");
    return false;
  }
  const char* content_end = row_end;
  if (content_end > begin && content_end[-1] == '\r') --content_end;
  raw_row_ = std::string_view(begin, content_end - begin);
  const char* field_start = begin;
  for (const char* p = begin; p < content_end; ++p) {
    if (*p == ',') {
      fields->emplace_back(field_start, p - field_start);
      field_start = p + 1;
    }
  }
  fields->emplace_back(field_start, content_end - field_start);
  position_ = static_cast<size_t>(row_end - text_.data()) + 1;
  ++next_line_;
  return true;
}

bool CsvCursor::ParseQuotedRow(std::vector<std::string_view>* fields) {
  const size_t limit = text_.size();
  unescaped_.clear();
  size_t p = position_;
  const size_t row_start = p;
  // Indices into unescaped_ are recorded first, views made once the vector stops growing.
  struct Pending {
    size_t owned;  // index into unescaped_, or npos for a view into the text
    std::string_view view;
  };
  std::vector<Pending> pending;
  while (true) {
    if (p < limit && text_[p] == '"') {
      std::string value;
      ++p;
      while (true) {
        if (p >= limit) {
          status_ =
              Status::InvalidInput("a quoted field is never closed; the file may be truncated");
          return false;
        }
        if (text_[p] == '"') {
          if (p + 1 < limit && text_[p + 1] == '"') {
            value.push_back('"');
            p += 2;
            continue;
          }
          ++p;
          break;
        }
        if (text_[p] == '\n') ++next_line_;
        value.push_back(text_[p++]);
      }
      unescaped_.push_back(std::move(value));
      pending.push_back({unescaped_.size() - 1, {}});
      if (p < limit && text_[p] != ',' && text_[p] != '\n' && text_[p] != '\r') {
        status_ = Status::InvalidInput("unexpected text after a closing quote");
        return false;
      }
    } else {
      const size_t start = p;
      while (p < limit && text_[p] != ',' && text_[p] != '\n' && text_[p] != '\r') {
        if (text_[p] == '"') {
          status_ = Status::InvalidInput("a quote inside an unquoted field");
          return false;
        }
        ++p;
      }
      pending.push_back({std::string::npos, text_.substr(start, p - start)});
    }
    if (p < limit && text_[p] == ',') {
      ++p;
      continue;
    }
    size_t content_end = p;
    if (p < limit && text_[p] == '\r') ++p;
    if (p >= limit) {
      raw_row_ = text_.substr(row_start, limit - row_start);
      status_ = Status::InvalidInput("the file ends without a line break; it may be truncated");
      return false;
    }
    if (text_[p] != '\n') {
      status_ = Status::InvalidInput("a stray carriage return");
      return false;
    }
    raw_row_ = text_.substr(row_start, content_end - row_start);
    position_ = p + 1;
    ++next_line_;
    break;
  }
  for (const Pending& item : pending) {
    fields->push_back(item.owned == std::string::npos ? item.view
                                                      : std::string_view(unescaped_[item.owned]));
  }
  return true;
}

bool IsValidUtf8(std::string_view text, size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t chunk;
      std::memcpy(&chunk, s + i, 8);
      if (chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra;
    uint32_t code;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code = c & 0x07;
    } else {
      *bad_offset = i;
      return false;
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= n || (s[i + k] & 0xC0) != 0x80) {
        *bad_offset = i;
        return false;
      }
      code = (code << 6) | (s[i + k] & 0x3F);
    }
    const bool overlong = (extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) ||
                          (extra == 3 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      *bad_offset = i;
      return false;
    }
    i += extra + 1;
  }
  return true;
}

void AppendCsvField(std::string_view value, std::string* out) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

Result<std::unique_ptr<CsvWriter>> CsvWriter::Create(const std::string& path) {
  std::FILE* f = std::fopen((path + ".tmp").c_str(), "wb");
  if (f == nullptr) return Status::IoError("cannot write " + path + ": " + std::strerror(errno));
  auto writer = std::unique_ptr<CsvWriter>(new CsvWriter(path, f));
  writer->buffer_.reserve(1 << 20);
  return writer;
}

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove((path_ + ".tmp").c_str());
  }
}

void CsvWriter::Separate() {
  if (!at_row_start_) buffer_.push_back(',');
  at_row_start_ = false;
}

void CsvWriter::Field(std::string_view value) {
  Separate();
  AppendCsvField(value, &buffer_);
}

void CsvWriter::Field(int64_t value) {
  Separate();
  buffer_.append(std::to_string(value));
}

void CsvWriter::RawField(std::string_view value) {
  Separate();
  buffer_.append(value);
}

void CsvWriter::EndRow() {
  buffer_.push_back('\n');
  at_row_start_ = true;
  FlushIfFull();
}

void CsvWriter::Raw(std::string_view rows) {
  buffer_.append(rows);
  FlushIfFull();
}

void CsvWriter::FlushIfFull() {
  if (buffer_.size() < (1 << 20)) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
}

Status CsvWriter::Close() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    failed_ = true;
  }
  buffer_.clear();
  const bool close_failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (failed_ || close_failed) {
    std::remove((path_ + ".tmp").c_str());
    return Status::IoError(path_ + ": could not write the file (disk full?)");
  }
  if (std::rename((path_ + ".tmp").c_str(), path_.c_str()) != 0) {
    return Status::IoError(path_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace continuum
