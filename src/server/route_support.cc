#include "server/route_support.h"

#include <string>

#include "report/api_render.h"

namespace continuum {

HttpResponse Error(int status, std::string_view message) {
  HttpResponse r = JsonResponse(status, RenderApiError(status, message));
  if (status >= 500) r.log_note = message;
  return r;
}

HttpResponse RetryLater(int status, int64_t seconds, std::string_view message) {
  HttpResponse r = Error(status, message);
  r.headers.emplace_back("Retry-After", std::to_string(seconds));
  return r;
}

int StatusHttpCode(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidInput:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    default:
      return 500;
  }
}

}  // namespace continuum
