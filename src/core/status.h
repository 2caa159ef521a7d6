// Status and Result<T>: how Continuum reports anything a user or the data can cause.
//
//   Result<Day> day = ParseDate("2024-02-30");
//   if (!day.ok()) return day.status();   // "'2024-02-30' is not a date"
//
// Programmer errors use assert; everything else travels as a value.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace continuum {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the user's data or arguments are wrong; exit 2, HTTP 400
  kNotFound,      // a file, workspace or record does not exist; exit 3, HTTP 404
  kIoError,       // the operating system refused a read or write; exit 4, HTTP 500
  kCorrupt,       // stored data fails its own checks; exit 5, HTTP 500
  kInternal,      // a bug in Continuum; exit 70, HTTP 500
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prefixes the message with where it happened: "activity.csv: " + message.
  Status WithContext(const std::string& where) const {
    if (ok()) return *this;
    return {code_, where + ": " + message_};
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(value_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(value_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(value_); }

  T& value() & {
    assert(ok());
    return std::get<T>(value_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(value_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(value_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

// Returns early from the enclosing function when `expr` yields an error.
#define CONTINUUM_RETURN_IF_ERROR(expr)   \
  do {                                    \
    ::continuum::Status status_ = (expr); \
    if (!status_.ok()) return status_;    \
  } while (false)

}  // namespace continuum
