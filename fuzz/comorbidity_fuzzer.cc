// The id,code list of `continuum comorbidity --input`, scored and written as CSV and as JSON.
#include "clinical/comorbidity_file.h"
#include "fuzz_support.h"
#include "report/comorbidity_render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  const CsvFile file = CsvFile::FromText("codes.csv", std::string(FuzzText(data, size)));
  Result<PersonComorbidities> people = ReadPersonCodes(file);
  CheckMessage(people.status());
  if (!people.ok()) return 0;
  RenderComorbidities(*people, OutputFormat::kCsv);
  CheckUtf8(RenderComorbidities(*people, OutputFormat::kJson));
  return 0;
}
