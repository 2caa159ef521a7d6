// FHIR import on hand-worked resources: each mapping of docs/fhir.md checked against the rows
// it must give, and every kind of problem reported against its file, line, resource and element.
#include "fhir/fhir_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/date.h"
#include "fhir/fhir_export.h"
#include "store/export.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

fs::path Fresh(const std::string& name) {
  const fs::path dir = fs::path(testing::TempDir()) / ("fhir_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void Write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
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

Imported Import(const fs::path& dir, bool quarantine = false) {
  const fs::path workspace = dir / "ws.db";
  auto ws = Workspace::Open(workspace.string(), Workspace::kCreate);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  ImportOptions options;
  options.quarantine = quarantine;
  options.rejects_path = (dir / "rejects.csv").string();
  auto result = ImportFhir((dir / "in").string(), **ws, (dir / "staging").string(), options,
                           [&](const std::string& folder, const ImportOptions& o) {
                             return ImportFolder(folder, **ws, o);
                           });
  return {std::move(result), workspace};
}

// The workspace's rows as interchange CSV, table by table.
std::string Exported(const fs::path& workspace, const std::string& file) {
  auto ws = Workspace::Open(workspace.string(), Workspace::kReadOnly);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  const fs::path out = workspace.parent_path() / "csv";
  EXPECT_TRUE(ExportFolder(**ws, out.string()).ok());
  return Read(out / file);
}

// A Bundle as another system writes one: ids that are not numbers, references by urn:uuid and by
// type and id, SNOMED CT and ICD-10 codes, encounter classes rather than Continuum's settings.
constexpr char kBundle[] = R"({"resourceType":"Bundle","type":"collection","entry":[
{"fullUrl":"urn:uuid:comm","resource":{"resourceType":"Organization","id":"comm",
  "identifier":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"Q99"}],
  "type":[{"coding":[{"system":"https://continuum.example/fhir/CodeSystem/organisation-kind","code":"commissioner"}]}],
  "name":"Vale Commissioner"}},
{"resource":{"resourceType":"Organization","id":"ico",
  "identifier":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"ICO9"}],
  "type":[{"coding":[{"system":"https://continuum.example/fhir/CodeSystem/organisation-kind","code":"ico"}]}],
  "name":"Vale ICO","partOf":{"reference":"urn:uuid:comm"}}},
{"resource":{"resourceType":"Organization","id":"a1b2",
  "identifier":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"P99001"}],
  "type":[{"coding":[{"system":"https://continuum.example/fhir/CodeSystem/organisation-kind","code":"practice"}]}],
  "name":"Park \"Lane\" Surgery","partOf":{"reference":"Organization/ico"}}},
{"resource":{"resourceType":"Organization","id":"trust",
  "identifier":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"RXX"}],
  "type":[{"coding":[{"system":"https://continuum.example/fhir/CodeSystem/organisation-kind","code":"acute_trust"}]}],
  "name":"Vale Hospitals"}},
{"resource":{"resourceType":"Patient","id":"pat-a",
  "extension":[{"url":"https://continuum.example/fhir/StructureDefinition/lsoa","valueCode":"E01006074"},
               {"url":"https://continuum.example/fhir/StructureDefinition/imd-decile","valueInteger":3}],
  "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9990000018"}],
  "gender":"female","birthDate":"1950-03-04","deceasedDateTime":"2024-05-02T09:30:00+01:00"}},
{"resource":{"resourceType":"EpisodeOfCare","id":"reg","status":"finished",
  "patient":{"reference":"Patient/pat-a"},"managingOrganization":{"reference":"Organization/a1b2"},
  "period":{"start":"1950-03-04","end":"2024-05-02"}}},
{"resource":{"resourceType":"Condition","id":"c1","code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]},
  "subject":{"reference":"Patient/pat-a"},"onsetDateTime":"2019-11-14T10:00:00Z"}},
{"resource":{"resourceType":"Condition","id":"c2","code":{"coding":[{"system":"http://snomed.info/sct","code":"49727002"}]},
  "subject":{"reference":"Patient/pat-a"},"onsetDateTime":"2020-01-01"}},
{"resource":{"resourceType":"Condition","id":"c3","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I10"}]},
  "subject":{"reference":"Patient/pat-a"},"onsetPeriod":{"start":"2015-06-01"},"abatementDateTime":"2018-02-01"}},
{"resource":{"resourceType":"Observation","id":"o1","status":"final",
  "code":{"coding":[{"system":"http://snomed.info/sct","code":"77176002"}]},
  "subject":{"reference":"Patient/pat-a"},"effectiveDateTime":"2023-01-05"}},
{"resource":{"resourceType":"Observation","id":"o2","status":"final",
  "code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},
  "subject":{"reference":"Patient/pat-a"},"effectivePeriod":{"start":"2023-02-01"},
  "valueQuantity":{"value":7.0,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}},
{"resource":{"resourceType":"Observation","id":"o3","status":"final",
  "code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},
  "subject":{"reference":"Patient/pat-a"},"effectiveDateTime":"2023-02-01",
  "valueQuantity":{"value":142,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}},
{"resource":{"resourceType":"Observation","id":"o4","status":"final",
  "code":{"coding":[{"system":"http://loinc.org","code":"72166-2"}]},
  "subject":{"reference":"Patient/pat-a"},"effectiveDateTime":"2023-03-01",
  "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"8517006"}]}}},
{"resource":{"resourceType":"Encounter","id":"enc-1","status":"finished",
  "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"EMER"},
  "subject":{"reference":"Patient/pat-a"},"period":{"start":"2023-06-01T02:00:00Z"},
  "serviceProvider":{"reference":"Organization/trust"}}},
{"resource":{"resourceType":"Encounter","id":"enc-2","status":"finished",
  "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
  "priority":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActPriority","code":"EM"}]},
  "subject":{"reference":"Patient/pat-a"},"period":{"start":"2023-06-01","end":"2023-06-05"},
  "reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"J44.1"}]}],
  "serviceProvider":{"reference":"Organization/trust"}}},
{"resource":{"resourceType":"Procedure","id":"p1","status":"completed",
  "code":{"coding":[{"system":"http://fhir.hl7.org.uk/CodeSystem/OPCS-4","code":"E85.1"}]},
  "subject":{"reference":"Patient/pat-a"},"encounter":{"reference":"Encounter/enc-2"}}},
{"resource":{"resourceType":"ChargeItem","id":"ch1","status":"billed","code":{"text":"admission"},
  "subject":{"reference":"Patient/pat-a"},"context":{"reference":"Encounter/enc-2"},
  "quantity":{"value":1},"priceOverride":{"value":2214.00,"currency":"GBP"}}},
{"resource":{"resourceType":"ServiceRequest","id":"sr1","status":"completed","intent":"order",
  "subject":{"reference":"Patient/pat-a"},"authoredOn":"2023-05-01",
  "requester":{"reference":"Organization/a1b2"},"performer":[{"reference":"Organization/trust"}]}},
{"resource":{"resourceType":"Immunization","id":"imm","status":"completed"}}
]})";

TEST(FhirImport, MapsAnotherSystemsBundleToTheRowsDocsFhirMdGives) {
  const fs::path dir = Fresh("bundle");
  fs::create_directories(dir / "in");
  Write(dir / "in" / "bundle.json", kBundle);
  Imported imported = Import(dir);
  ASSERT_TRUE(imported.result.ok()) << imported.result.status().message();
  const ImportReport& report = imported.result->report;
  for (const ImportIssue& issue : report.issues) ADD_FAILURE() << FormatIssue(issue);
  ASSERT_TRUE(report.committed);

  EXPECT_EQ(Exported(imported.workspace, "organisations.csv"),
            "org_id,name,kind,parent_id\nQ99,Vale Commissioner,commissioner,\n"
            "ICO9,Vale ICO,ico,Q99\nP99001,\"Park \"\"Lane\"\" Surgery\",practice,ICO9\n"
            "RXX,Vale Hospitals,acute_trust,\n");
  // The patient's id is not a number: numbered after the largest in use (none).
  EXPECT_EQ(Exported(imported.workspace, "patients.csv"),
            "patient_id,nhs_number,birth_date,sex,lsoa,imd_decile\n"
            "1,9990000018,1950-03-04,F,E01006074,3\n");
  // The day of a dateTime as written, whatever its zone; no place recorded: other.
  EXPECT_EQ(Exported(imported.workspace, "deaths.csv"),
            "patient_id,date,place,preferred_place\n1,2024-05-02,other,\n");
  // No type, but with a practice: a registration; from birth, to death.
  EXPECT_EQ(Exported(imported.workspace, "registrations.csv"),
            "patient_id,practice_id,start_date,start_reason,end_date,end_reason\n"
            "1,P99001,1950-03-04,birth,2024-05-02,death\n");
  // 44054006 is in the diabetes codelist, I10 (ICD-10) in hypertension's; 49727002 (cough) in
  // none, so it gives no row and is reported.
  EXPECT_EQ(Exported(imported.workspace, "conditions.csv"),
            "patient_id,condition,onset_date,resolved_date\n1,diabetes,2019-11-14,\n"
            "1,hypertension,2015-06-01,2018-02-01\n");
  EXPECT_EQ(imported.result->summary.unlisted_codes.at("http://snomed.info/sct|49727002"), 1);
  EXPECT_EQ(imported.result->summary.not_used.at("Condition: a code in no condition's codelist"),
            1);
  EXPECT_EQ(
      imported.result->summary.not_used.at("Immunization: a resource type Continuum does not hold"),
      1);
  // 77176002 (smoker) is a smoking status finding; HbA1c 7.0% (LOINC 4548-4) is 53 mmol/mol by
  // (7.0 - 2.15) x 10.929; LOINC 8480-6 is a systolic pressure; LOINC's smoking status with the
  // finding 8517006 as its value is an ex-smoker (data/codelists/observations.csv).
  EXPECT_EQ(Exported(imported.workspace, "observations.csv"),
            "patient_id,date,kind,value\n1,2023-01-05,smoking_status,current\n"
            "1,2023-02-01,hba1c,53\n1,2023-02-01,systolic_bp,142\n"
            "1,2023-03-01,smoking_status,ex\n");
  // EMER is an A&E attendance; IMP with priority EM an emergency admission of 4 nights, with
  // its procedure and cost.
  EXPECT_EQ(Exported(imported.workspace, "activity.csv"),
            "event_id,patient_id,date,setting,provider_id,specialty,diagnosis,procedure,"
            "length_of_stay,quantity,cost,medicine\n"
            "1,1,2023-06-01,ae,RXX,,,,,1,,\n"
            "2,1,2023-06-01,emergency,RXX,,J44.1,E85.1,4,1,2214.00,\n");
  // completed: seen.
  EXPECT_EQ(Exported(imported.workspace, "referrals.csv"),
            "referral_id,patient_id,date,from_org,to_org,specialty,reason,outcome\n"
            "1,1,2023-05-01,P99001,RXX,,,seen\n");
}

TEST(FhirImport, ReportsEveryProblemAgainstItsResourceAndChangesNothing) {
  const fs::path dir = Fresh("problems");
  fs::create_directories(dir / "in");
  Write(dir / "in" / "bundle.json", kBundle);
  // Encounters in bulk NDJSON: a line that is not JSON, a date that is no date (caught by the
  // same check as a CSV row), a patient nobody imported, and one good line.
  Write(
      dir / "in" / "Encounter.ndjson",
      "{\"resourceType\":\"Encounter\",\"id\":\"11\",\"subject\":{\"reference\":\"Patient/pat-a\"},"
      "\"period\":{\"start\":\"2023-02-30\"},\"type\":[{\"coding\":[{\"system\":"
      "\"https://continuum.example/fhir/CodeSystem/setting\",\"code\":\"gp\"}]}],"
      "\"serviceProvider\":{\"reference\":\"Organization/a1b2\"}}\n"
      "{\"resourceType\":\"Encounter\",\"id\":\"12\"\n"
      "{\"resourceType\":\"Encounter\",\"id\":\"13\",\"subject\":{\"reference\":\"Patient/"
      "nobody\"},"
      "\"period\":{\"start\":\"2023-02-03\"},\"serviceProvider\":{\"reference\":\"Organization/"
      "a1b2\"},"
      "\"class\":{\"code\":\"AMB\"}}\n"
      "{\"resourceType\":\"Encounter\",\"id\":\"14\",\"subject\":{\"reference\":\"Patient/pat-a\"},"
      "\"period\":{\"start\":\"2023-02-03\"},\"serviceProvider\":{\"reference\":\"Organization/"
      "a1b2\"},"
      "\"class\":{\"code\":\"AMB\"}}\n");
  Imported imported = Import(dir);
  ASSERT_TRUE(imported.result.ok()) << imported.result.status().message();
  const ImportReport& report = imported.result->report;
  EXPECT_FALSE(report.committed);
  std::vector<std::string> issues;
  for (const ImportIssue& issue : report.issues) issues.push_back(FormatIssue(issue));
  ASSERT_EQ(issues.size(), 3u) << ::testing::PrintToString(issues);
  EXPECT_EQ(issues[0],
            "Encounter.ndjson line 3, Encounter/13, element Encounter.subject: refers to "
            "'Patient/nobody', which is not among the Patient resources imported");
  EXPECT_EQ(issues[1],
            "Encounter.ndjson line 2: is not JSON: " +
                issues[1].substr(std::string("Encounter.ndjson line 2: is not JSON: ").size()));
  EXPECT_EQ(issues[2],
            "Encounter.ndjson line 1, Encounter/11, element Encounter.period.start: "
            "'2023-02-30' is not a date");
  // All or nothing: nothing was written.
  auto ws = Workspace::Open(imported.workspace.string(), Workspace::kMustExist);
  ASSERT_TRUE(ws.ok());
  EXPECT_EQ(*(*ws)->RowCount(TableId::kPatients), 0);
  EXPECT_EQ(*(*ws)->RowCount(TableId::kActivity), 0);
}

TEST(FhirImport, QuarantineLoadsTheGoodResourcesAndListsTheRest) {
  const fs::path dir = Fresh("quarantine");
  fs::create_directories(dir / "in");
  Write(dir / "in" / "bundle.json", kBundle);
  Write(dir / "in" / "Patient.ndjson",
        "{\"resourceType\":\"Patient\",\"id\":\"7\",\"gender\":\"female\",\"birthDate\":\"1960-01-"
        "01\","
        "\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/"
        "nhs-number\",\"value\":\"9990000026\"}]}\n");
  // Patient 7's Condition, read before the Patient (the files go in name order), is refused as
  // its consequence.
  Write(dir / "in" / "Condition.ndjson",
        R"({"resourceType":"Condition","id":"c9","code":{"coding":[{"system":)"
        R"("http://snomed.info/sct","code":"44054006"}]},"subject":{"reference":"Patient/7"},)"
        R"("onsetDateTime":"2020-01-01"})"
        "\n");
  Imported imported = Import(dir, /*quarantine=*/true);
  ASSERT_TRUE(imported.result.ok()) << imported.result.status().message();
  EXPECT_TRUE(imported.result->report.committed);
  EXPECT_EQ(imported.result->report.issue_count, 2);
  EXPECT_EQ(imported.result->report.consequence_count, 1);
  EXPECT_EQ(Read(dir / "rejects.csv"),
            "file,line,resource,element,reason\n"
            "Condition.ndjson,1,Condition/c9,Condition.subject,\"its Patient, Patient/7, was "
            "refused, so this resource is too\"\n"
            "Patient.ndjson,1,Patient/7,Patient.extension:lsoa,\"is required: the LSOA of "
            "residence (extension https://continuum.example/fhir/StructureDefinition/lsoa, "
            "valueCode)\"\n");
  auto ws = Workspace::Open(imported.workspace.string(), Workspace::kMustExist);
  ASSERT_TRUE(ws.ok());
  EXPECT_EQ(*(*ws)->RowCount(TableId::kPatients), 1);  // pat-a, numbered 8 (after 7)
  EXPECT_EQ(*(*ws)->RowCount(TableId::kActivity), 2);
}

// What real systems send: a transaction Bundle whose entries have no ids and refer to one another
// by fullUrl, records marked in error or not done, two charges for one encounter, a byte order
// mark, blank lines, a time of day that is no time, a practice the workspace already holds.
TEST(FhirImport, ReadsWhatRealSystemsSend) {
  const fs::path dir = Fresh("real");
  fs::create_directories(dir / "in");
  Write(dir / "in" / "bundle.json", kBundle);
  Write(dir / "in" / "transaction.json", R"({"resourceType":"Bundle","type":"transaction","entry":[
{"fullUrl":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000001","resource":{"resourceType":"Patient",
  "extension":[{"url":"https://continuum.example/fhir/StructureDefinition/lsoa","valueCode":"E01006074"},
               {"url":"https://continuum.example/fhir/StructureDefinition/imd-decile","valueInteger":7}],
  "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9990000026"}],
  "gender":"male","birthDate":"1970-01-01"}},
{"fullUrl":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000002","resource":{"resourceType":"EpisodeOfCare",
  "patient":{"reference":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000001"},
  "managingOrganization":{"reference":"Organization/a1b2"},"period":{"start":"2020-01-01"}}},
{"fullUrl":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000003","resource":{"resourceType":"Encounter",
  "status":"finished","class":{"code":"AMB"},
  "subject":{"reference":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000001"},
  "period":{"start":"2023-04-03T09:00:00+01:00"},"serviceProvider":{"reference":"Organization/a1b2"}}},
{"resource":{"resourceType":"ChargeItem","status":"billed","code":{"text":"visit"},
  "subject":{"reference":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000001"},
  "context":{"reference":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000003"},
  "priceOverride":{"value":10.50,"currency":"GBP"}}},
{"resource":{"resourceType":"ChargeItem","status":"billed","code":{"text":"dressing"},
  "subject":{"reference":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000001"},
  "context":{"reference":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000003"},
  "priceOverride":{"value":4.25,"currency":"GBP"}}},
{"resource":{"resourceType":"Encounter","status":"entered-in-error","class":{"code":"AMB"},
  "subject":{"reference":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000001"},
  "period":{"start":"2023-04-04"},"serviceProvider":{"reference":"Organization/a1b2"}}},
{"resource":{"resourceType":"Condition","verificationStatus":{"coding":[{"code":"refuted"}]},
  "code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]},
  "subject":{"reference":"urn:uuid:0b6e1d2c-1111-4c4c-9c9c-000000000001"},"onsetDateTime":"2023-04-03"}}
]})");
  Imported imported = Import(dir);
  ASSERT_TRUE(imported.result.ok()) << imported.result.status().message();
  for (const ImportIssue& issue : imported.result->report.issues)
    ADD_FAILURE() << FormatIssue(issue);
  ASSERT_TRUE(imported.result->report.committed);
  const std::string activity = Exported(imported.workspace, "activity.csv");
  // Ids that are not numbers are numbered in their order: the transaction's patient (0b6e...) is
  // 1, pat-a 2. The AMB encounter at the practice is a GP contact, its two charges one cost of
  // 14.75; the registration with no type, at a practice, is a registration.
  EXPECT_NE(activity.find("\n3,1,2023-04-03,gp,P99001,,,,,1,14.75,\n"), std::string::npos)
      << activity;
  EXPECT_EQ(activity.find("2023-04-04"), std::string::npos) << "an entered-in-error encounter";
  EXPECT_NE(
      Exported(imported.workspace, "registrations.csv").find("\n1,P99001,2020-01-01,move_in,,\n"),
      std::string::npos);
  EXPECT_EQ(imported.result->summary.not_used.at("Encounter: status entered-in-error"), 1);
  EXPECT_EQ(imported.result->summary.not_used.at("Condition: verificationStatus refuted"), 1);

  // Later, in a second import: a practice the workspace holds, a byte order mark and a blank
  // line, and a time of day that is no time.
  const fs::path later = dir / "later";
  fs::create_directories(later);
  Write(later / "Encounter.ndjson",
        "\xEF\xBB\xBF{\"resourceType\":\"Encounter\",\"id\":\"900\",\"status\":\"finished\","
        "\"class\":{\"code\":\"AMB\"},\"subject\":{\"reference\":\"Patient/1\"},"
        "\"period\":{\"start\":\"2024-01-10\"},\"serviceProvider\":{\"reference\":"
        "\"Organization/P99001\"}}\n  \n"
        "{\"resourceType\":\"Encounter\",\"id\":\"901\",\"status\":\"finished\","
        "\"class\":{\"code\":\"AMB\"},\"subject\":{\"reference\":\"Patient/1\"},"
        "\"period\":{\"start\":\"2024-01-11T25:61:00Z\"},\"serviceProvider\":{\"reference\":"
        "\"Organization/P99001\"}}\n");
  // A practice known by its ODS role (RO76, a GP practice), and a patient referred to by NHS
  // number.
  Write(later / "Organization.ndjson",
        R"({"resourceType":"Organization","id":"P99002","identifier":[{"system":)"
        R"("https://fhir.nhs.uk/Id/ods-organization-code","value":"P99002"}],"type":[{"coding":[)"
        R"({"system":"https://digital.nhs.uk/services/organisation-data-service/CodeSystem/)"
        R"(ODSOrganisationRole","code":"RO76"}]}],"name":"New Surgery","partOf":{"reference":)"
        R"("Organization/ICO9"}})"
        "\n");
  Write(later / "MoreEncounters.ndjson",
        R"({"resourceType":"Encounter","id":"902","status":"finished","class":{"code":"AMB"},)"
        R"("subject":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":)"
        R"("9990000026"}},"period":{"start":"2024-01-12"},"serviceProvider":{"reference":)"
        R"("Organization/P99002"}})"
        "\n");
  auto ws = Workspace::Open(imported.workspace.string(), Workspace::kMustExist);
  ASSERT_TRUE(ws.ok());
  auto again = ImportFhir(later.string(), **ws, (dir / "staging").string(), ImportOptions{},
                          [&](const std::string& folder, const ImportOptions& o) {
                            return ImportFolder(folder, **ws, o);
                          });
  ASSERT_TRUE(again.ok()) << again.status().message();
  ASSERT_EQ(again->report.issues.size(), 1u);
  EXPECT_EQ(FormatIssue(again->report.issues[0]),
            "Encounter.ndjson line 3, Encounter/901, element Encounter.period.start: "
            "'2024-01-11T25:61:00Z' is not a date to the day (YYYY-MM-DD, or a dateTime as "
            "2024-05-02T09:30:00Z)");
  // With the bad line fixed, the rest goes in: the encounter at the new practice is a GP contact
  // of patient 1, whose NHS number it named.
  std::string fixed = Read(later / "Encounter.ndjson");
  fixed.replace(fixed.find("T25:61:00Z"), 10, "");
  Write(later / "Encounter.ndjson", fixed);
  again = ImportFhir(later.string(), **ws, (dir / "staging").string(), ImportOptions{},
                     [&](const std::string& folder, const ImportOptions& o) {
                       return ImportFolder(folder, **ws, o);
                     });
  ASSERT_TRUE(again.ok()) << again.status().message();
  for (const ImportIssue& issue : again->report.issues) ADD_FAILURE() << FormatIssue(issue);
  ws->reset();
  EXPECT_NE(Exported(imported.workspace, "activity.csv").find("\n902,1,2024-01-12,gp,P99002,"),
            std::string::npos);
  EXPECT_NE(
      Exported(imported.workspace, "organisations.csv").find("P99002,New Surgery,practice,ICO9"),
      std::string::npos);
}

}  // namespace
}  // namespace continuum
