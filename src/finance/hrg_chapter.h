// HRG-like groups: the chapter (body system) of the Healthcare Resource Groups that an ICD-10
// primary diagnosis falls in, from data/codes/hrg_chapters.csv. Tariffs may price a setting by
// chapter when events carry a diagnosis but no HRG.
//
//   char c = HrgChapterOf("I50.9");   // 'E' (cardiac)
//   HrgChapterName('E')               // "Cardiac Surgery and Primary Cardiac Conditions"
#pragma once

#include <string_view>

namespace continuum {

// The chapter letter of an ICD-10 code, or 0 when the code is in no chapter's range.
char HrgChapterOf(std::string_view icd10);
// True when `letter` is a chapter of data/codes/hrg_chapters.csv.
bool IsHrgChapter(char letter);
std::string_view HrgChapterName(char letter);

}  // namespace continuum
