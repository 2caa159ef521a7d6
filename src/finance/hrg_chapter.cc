#include "finance/hrg_chapter.h"

#include <array>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/embedded.h"

namespace continuum {
namespace {

struct ChapterRange {
  std::string from, to;  // three-character ICD-10 categories, inclusive
  char chapter;
};

struct ChapterTable {
  std::vector<ChapterRange> ranges;  // ordered and non-overlapping (checked by a test)
  std::array<std::string, 26> names;
};

const ChapterTable& Table() {
  static const ChapterTable table = [] {
    ChapterTable t;
    const CsvFile file = CsvFile::FromText(
        "hrg_chapters.csv", std::string(EmbeddedFile("data/codes/hrg_chapters.csv")));
    CsvCursor cursor(file);
    std::vector<std::string_view> f;
    cursor.Next(&f);  // header
    while (cursor.Next(&f)) {
      const char letter = f[2][0];
      t.ranges.push_back({std::string(f[0]), std::string(f[1]), letter});
      t.names[letter - 'A'] = std::string(f[3]);
    }
    return t;
  }();
  return table;
}

}  // namespace

char HrgChapterOf(std::string_view icd10) {
  if (icd10.size() < 3) return 0;
  const std::string_view category = icd10.substr(0, 3);
  for (const ChapterRange& r : Table().ranges) {
    if (category < r.from) return 0;
    if (category <= r.to) return r.chapter;
  }
  return 0;
}

bool IsHrgChapter(char letter) {
  return letter >= 'A' && letter <= 'Z' && !Table().names[letter - 'A'].empty();
}

std::string_view HrgChapterName(char letter) {
  return IsHrgChapter(letter) ? std::string_view(Table().names[letter - 'A']) : "";
}

}  // namespace continuum
