// A stored block of rows as the workspace reads it back (store/row_blocks.h): text a hand edit or
// a damaged file could leave in activity_blocks. Whatever decodes is written again and must read
// back the same; whatever does not gives a message a user can act on.
#include <cstdlib>

#include "fuzz_support.h"
#include "store/row_blocks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  if (size == 0) return 0;
  const size_t columns = 1 + data[0] % 12;  // the first byte chooses the width
  const std::string_view text = FuzzText(data + 1, size - 1);
  DecodedRows rows;
  const Status status = DecodeRowsJson(text, columns, {}, &rows);
  CheckMessage(status);
  if (!status.ok() || rows.rows == 0) return 0;
  // Written again, as the importer would store the same values (a first column that is not a
  // number cannot be a key, so such blocks are only read).
  std::vector<std::string_view> fields;
  std::vector<int64_t> numbers;
  std::vector<bool> as_integer(columns, false);
  for (size_t c = 0; c < columns; ++c)
    as_integer[c] = rows.values[c].kind == DecodedValue::kInteger;
  for (size_t r = 0; r < rows.rows; ++r) {
    for (size_t c = 0; c < columns; ++c) {
      const DecodedValue& v = rows.values[r * columns + c];
      if (v.kind != DecodedValue::kNull &&
          (v.kind == DecodedValue::kInteger) != static_cast<bool>(as_integer[c]))
        return 0;  // a column of mixed kinds: not a block the workspace writes
      // A value stored as text is written from its field, a number from `numbers`; an empty
      // string cannot be told from null, so such blocks are only read.
      if (v.kind == DecodedValue::kText && v.text.empty()) return 0;
      fields.push_back(v.kind == DecodedValue::kNull      ? std::string_view()
                       : v.kind == DecodedValue::kInteger ? std::string_view("0")
                                                          : v.text);
      numbers.push_back(v.number);
    }
  }
  if (!as_integer[0]) return 0;
  RowsJson json;
  AppendRowsJson({.columns = columns,
                  .rows = rows.rows,
                  .fields = fields.data(),
                  .numbers = numbers.data(),
                  .as_integer = &as_integer},
                 {}, &json);
  DecodedRows again;
  if (!DecodeRowsJson(json.text(), columns, {}, &again).ok() || again.rows != rows.rows)
    std::abort();
  for (size_t i = 0; i < rows.values.size(); ++i) {
    const DecodedValue& a = rows.values[i];
    const DecodedValue& b = again.values[i];
    if (a.kind != b.kind || a.number != b.number || a.text != b.text) std::abort();
  }
  return 0;
}
