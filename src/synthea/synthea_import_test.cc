// Synthea import on a small fixture written from Synthea's CSV File Data Dictionary
// (src/synthea/fixture/): every row it must give, worked by hand, and its problems reported
// against the Synthea file, line and column.
#include "synthea/synthea_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/export.h"
#include "synthea/synthea_mapping.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

const fs::path kFixture = fs::path(CONTINUUM_SOURCE_DIR) / "src" / "synthea" / "fixture";
const std::string kO1 = "8a4b2c1d-0e6f-3a7b-9c8d-1e2f3a4b5c6d";
const std::string kO2 = "5f6e7d8c-9b0a-3c1d-8e2f-4a5b6c7d8e9f";

fs::path Fresh(const std::string& name) {
  const fs::path dir = fs::path(testing::TempDir()) / ("synthea_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Imported {
  Result<TranslatedImport> result;
  fs::path workspace;
};

Imported Import(const fs::path& input, const fs::path& dir) {
  const fs::path workspace = dir / "ws.db";
  auto ws = Workspace::Open(workspace.string(), Workspace::kCreate);
  EXPECT_TRUE(ws.ok());
  auto result =
      ImportSynthea(input.string(), **ws, (dir / "staging").string(), ImportOptions{},
                    SyntheaOptions{}, [&](const std::string& folder, const ImportOptions& o) {
                      return ImportFolder(folder, **ws, o);
                    });
  return {std::move(result), workspace};
}

std::string Exported(const fs::path& workspace, const std::string& file) {
  auto ws = Workspace::Open(workspace.string(), Workspace::kReadOnly);
  EXPECT_TRUE(ws.ok());
  const fs::path out = workspace.parent_path() / "csv";
  EXPECT_TRUE(ExportFolder(**ws, out.string()).ok());
  return Read(out / file);
}

TEST(SyntheaImport, TheFixtureGivesTheRowsWorkedByHand) {
  const fs::path dir = Fresh("fixture");
  Imported imported = Import(kFixture, dir);
  ASSERT_TRUE(imported.result.ok()) << imported.result.status().message();
  for (const ImportIssue& issue : imported.result->report.issues) {
    ADD_FAILURE() << FormatIssue(issue);
  }
  ASSERT_TRUE(imported.result->report.committed);
  // The hospital had emergency and inpatient encounters; the practice only wellness and
  // ambulatory ones, and is a member of the ICO.
  EXPECT_EQ(Exported(imported.workspace, "organisations.csv"),
            "org_id,name,kind,parent_id\nSYNQ,Synthea commissioner,commissioner,\n"
            "SYNICO,Synthea ICO,ico,SYNQ\n" +
                kO1 + ",RIVERSIDE FAMILY PRACTICE,practice,SYNICO\n" + kO2 +
                ",VALE GENERAL HOSPITAL,acute_trust,\n");
  // NHS numbers from the top of the test range: 999999999 has check digit 9 (9 x 54 = 486,
  // 486 mod 11 = 2, 11 - 2 = 9); 999999998 has 0 (484 mod 11 = 0, and 11 is written 0).
  EXPECT_EQ(Exported(imported.workspace, "patients.csv"),
            "patient_id,nhs_number,birth_date,sex,lsoa,imd_decile\n"
            "1,9999999999,1950-04-02,F,E01000001,5\n2,9999999980,1985-09-30,M,E01000001,5\n");
  EXPECT_EQ(Exported(imported.workspace, "registrations.csv"),
            "patient_id,practice_id,start_date,start_reason,end_date,end_reason\n"
            "1," +
                kO1 + ",1950-04-02,birth,2024-01-15,death\n2," + kO1 + ",1985-09-30,birth,,\n");
  EXPECT_EQ(Exported(imported.workspace, "deaths.csv"),
            "patient_id,date,place,preferred_place\n1,2024-01-15,other,\n");
  // Encounter 4 followed an A&E attendance that day: an emergency admission of 5 nights whose
  // cost is its own 1,200.00 and its procedure's 500.00. Encounter 6 came through no A&E: an
  // elective admission. The prescription is the metformin's 12 dispenses at 54.36.
  EXPECT_EQ(Exported(imported.workspace, "activity.csv"),
            "event_id,patient_id,date,setting,provider_id,specialty,diagnosis,procedure,"
            "length_of_stay,quantity,cost,medicine\n"
            "1,1,2022-03-01,gp," +
                kO1 +
                ",,,,,1,136.80,\n"
                "2,1,2022-06-10,gp," +
                kO1 +
                ",,,,,1,85.55,\n"
                "3,1,2023-02-03,ae," +
                kO2 +
                ",,,,,1,146.18,\n"
                "4,1,2023-02-03,emergency," +
                kO2 +
                ",,,,5,1,1700.00,\n"
                "5,2,2023-05-05,gp," +
                kO1 +
                ",,,,,1,136.80,\n"
                "6,2,2023-09-01,elective," +
                kO2 +
                ",,,,2,1,900.00,\n"
                "7,2,2023-10-10,op_followup," +
                kO2 +
                ",,,,,1,120.00,\n"
                "8,1,2022-06-10,prescription," +
                kO1 + ",,,,,12,54.36,\n");
  // 44054006 and 38341003 are in the diabetes and hypertension codelists; 444814009 (viral
  // sinusitis) in none, and is listed.
  EXPECT_EQ(Exported(imported.workspace, "conditions.csv"),
            "patient_id,condition,onset_date,resolved_date\n1,diabetes,2022-06-10,\n"
            "1,hypertension,2019-01-01,\n");
  EXPECT_EQ(imported.result->summary.unlisted_codes.at("snomedct|444814009"), 1);
  // HbA1c 7.0% is (7.0 - 2.15) x 10.929 = 53 mmol/mol; "Former smoker" is ex; body height
  // (8302-2) is no observation Continuum holds.
  EXPECT_EQ(Exported(imported.workspace, "observations.csv"),
            "patient_id,date,kind,value\n1,2022-06-10,hba1c,53\n1,2022-06-10,systolic_bp,142.0\n"
            "1,2022-06-10,smoking_status,ex\n2,2023-05-05,bmi,27.4\n");
  EXPECT_EQ(imported.result->summary.unlisted_codes.at("loinc|8302-2"), 1);
  EXPECT_EQ(Exported(imported.workspace, "staff.csv"),
            "staff_id,org_id,role,specialty\n1," + kO1 + ",gp,\n2," + kO2 + ",consultant,\n");
  EXPECT_EQ(imported.result->summary.read.at("claims.csv"), 1);
}

TEST(SyntheaImport, ProblemsAreToldAgainstTheSyntheaFileLineAndColumn) {
  const fs::path dir = Fresh("problems");
  const fs::path input = dir / "in";
  fs::create_directories(input);
  for (const auto& entry : fs::directory_iterator(kFixture)) {
    fs::copy_file(entry.path(), input / entry.path().filename());
  }
  // An encounter of a class Synthea does not write, and an observation in the wrong unit; a
  // birth date that is no date is caught by the same check as a CSV row's.
  std::string encounters = Read(input / "encounters.csv");
  encounters.replace(encounters.find("outpatient"), 10, "teleport");
  std::ofstream(input / "encounters.csv", std::ios::binary) << encounters;
  std::string observations = Read(input / "observations.csv");
  observations.replace(observations.find("kg/m2"), 5, "lb/in2");
  std::ofstream(input / "observations.csv", std::ios::binary) << observations;
  std::string patients = Read(input / "patients.csv");
  patients.replace(patients.find("1985-09-30"), 10, "1985-02-30");
  std::ofstream(input / "patients.csv", std::ios::binary) << patients;

  Imported imported = Import(input, dir);
  ASSERT_TRUE(imported.result.ok()) << imported.result.status().message();
  EXPECT_FALSE(imported.result->report.committed);
  std::string all;
  for (const ImportIssue& issue : imported.result->report.issues) all += FormatIssue(issue) + "\n";
  EXPECT_NE(all.find("encounters.csv line 8, column ENCOUNTERCLASS: 'teleport' is no encounter "
                     "class of Synthea's"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("observations.csv line 5, column UNITS: 'lb/in2' is not the unit 'kg/m2'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("patients.csv line 3, column BIRTHDATE: '1985-02-30' is not a date"),
            std::string::npos)
      << all;
  auto ws = Workspace::Open(imported.workspace.string(), Workspace::kMustExist);
  ASSERT_TRUE(ws.ok());
  EXPECT_EQ(*(*ws)->RowCount(TableId::kPatients), 0);
}

TEST(SyntheaMapping, DocsPrintEveryRowOfTheTable) {
  const std::string docs = Read(fs::path(CONTINUUM_SOURCE_DIR) / "docs" / "synthea.md");
  ASSERT_FALSE(docs.empty());
  for (const SyntheaMapping& m : SyntheaMappings()) {
    const std::string column = m.synthea.empty() ? "" : "`" + std::string(m.synthea) + "`";
    const std::string row = "| " + std::string(Table(m.table).file) + " | `" +
                            std::string(m.column) + "` | " + std::string(m.file) + " | " + column +
                            " | " + std::string(m.how) + " |";
    EXPECT_NE(docs.find(row), std::string::npos) << "docs/synthea.md lacks the row\n" << row;
  }
}

}  // namespace
}  // namespace continuum
