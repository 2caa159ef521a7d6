#include "clinical/comorbidity.h"

#include <gtest/gtest.h>

#include <bit>

#include "clinical/comorbidity_file.h"
#include "core/embedded.h"
#include "finance/finance_fixture.h"

namespace continuum {
namespace {

const ComorbidityMatcher& M() { return ComorbidityMatcher::Get(); }

// The bit of the condition whose output column is `column`.
ComorbidityMask Bit(std::string_view column) {
  const std::vector<ComorbidityCategory>& c = M().categories();
  for (size_t i = 0; i < c.size(); ++i)
    if (c[i].column == column) return ComorbidityMask{1} << i;
  ADD_FAILURE() << "no condition " << column;
  return 0;
}

ComorbidityMask Bits(std::initializer_list<std::string_view> columns) {
  ComorbidityMask mask = 0;
  for (std::string_view c : columns) mask |= Bit(c);
  return mask;
}

ComorbidityMask MatchAll(std::initializer_list<std::string_view> codes) {
  ComorbidityMask mask = 0;
  for (std::string_view code : codes) mask |= M().Match(code);
  return mask;
}

TEST(Comorbidity, DataFilesHoldSeventeenCharlsonThenThirtyOneElixhauserConditions) {
  const std::vector<ComorbidityCategory>& c = M().categories();
  ASSERT_EQ(c.size(), 48u);
  for (int i = 0; i < kComorbidityConditions; ++i) {
    const bool charlson = i < kCharlsonConditions;
    EXPECT_EQ(c[i].column.rfind(charlson ? "charlson_" : "elix_", 0), 0u) << c[i].column;
    EXPECT_EQ((kCharlsonBits >> i) & 1, charlson ? 1u : 0u);
    EXPECT_EQ((kElixhauserBits >> i) & 1, charlson ? 0u : 1u);
    EXPECT_EQ(charlson ? c[i].van_walraven_weight : c[i].charlson_weight | c[i].quan_weight, 0);
  }
  // The six hierarchy rules, each within its own index.
  EXPECT_EQ(c[std::countr_zero(Bit("charlson_diabetes_complicated"))].supersedes,
            Bit("charlson_diabetes_uncomplicated"));
  EXPECT_EQ(c[std::countr_zero(Bit("charlson_severe_liver"))].supersedes,
            Bit("charlson_mild_liver"));
  EXPECT_EQ(c[std::countr_zero(Bit("charlson_metastatic"))].supersedes, Bit("charlson_malignancy"));
  EXPECT_EQ(c[std::countr_zero(Bit("elix_diabetes_complicated"))].supersedes,
            Bit("elix_diabetes_uncomplicated"));
  EXPECT_EQ(c[std::countr_zero(Bit("elix_metastatic"))].supersedes, Bit("elix_solid_tumour"));
  EXPECT_EQ(c[std::countr_zero(Bit("elix_hypertension_complicated"))].supersedes,
            Bit("elix_hypertension_uncomplicated"));
  int rules = 0;
  for (const ComorbidityCategory& category : c) rules += category.supersedes != 0;
  EXPECT_EQ(rules, 6);
}

TEST(Comorbidity, DottedUndottedAndLowercaseCodesMatchAlike) {
  const ComorbidityMask heart_failure = Bits({"charlson_chf", "elix_chf"});
  for (std::string_view code : {"I50.0", "I500", "i50.0", "I50", "I50.01"})
    EXPECT_EQ(M().Match(code), heart_failure) << code;
  // A four-character prefix: I25.2 (old myocardial infarction), not the rest of I25.
  EXPECT_EQ(M().Match("I25.2"), Bit("charlson_mi"));
  EXPECT_EQ(M().Match("I252"), Bit("charlson_mi"));
  EXPECT_EQ(M().Match("I25.1"), 0u);
}

TEST(Comorbidity, CodesInNoConditionGiveNoFlags) {
  // Pneumonia, a general examination, a basal cell carcinoma of skin (excluded from malignancy),
  // a cardiomyopathy code between Quan's I42.0 and I42.5, and no code at all.
  for (std::string_view code : {"J18.9", "Z00.0", "C44.9", "I42.4", "R69X", ""})
    EXPECT_EQ(M().Match(code), 0u) << code;
}

TEST(Comorbidity, CodesInSeveralConditionsSetEachOne) {
  // Alcoholic cardiomyopathy: heart failure in both indices, and alcohol abuse.
  EXPECT_EQ(M().Match("I42.6"), Bits({"charlson_chf", "elix_chf", "elix_alcohol"}));
  // Alcoholic cirrhosis: mild liver disease for Charlson; liver disease and alcohol abuse.
  EXPECT_EQ(M().Match("K70.3"), Bits({"charlson_mild_liver", "elix_liver", "elix_alcohol"}));
  // Hepatic failure from alcohol: moderate or severe for Charlson (K70.4), not alcohol abuse.
  EXPECT_EQ(M().Match("K70.4"), Bits({"charlson_severe_liver", "elix_liver"}));
  // Bipolar depression (F31.5) is in both psychoses and depression.
  EXPECT_EQ(M().Match("F31.5"), Bits({"elix_psychoses", "elix_depression"}));
  // The ends of a range: C00 and C26 are malignancies, C27 is no code of Quan's.
  EXPECT_EQ(M().Match("C00.1"), Bits({"charlson_malignancy", "elix_solid_tumour"}));
  EXPECT_EQ(M().Match("C26.9"), Bits({"charlson_malignancy", "elix_solid_tumour"}));
  EXPECT_EQ(M().Match("C27"), 0u);
}

TEST(Comorbidity, DiabetesWithComplicationsSupersedesWithout) {
  const ComorbidityMask both = MatchAll({"E11.9", "E11.2"});
  EXPECT_EQ(both, Bits({"charlson_diabetes_uncomplicated", "charlson_diabetes_complicated",
                        "elix_diabetes_uncomplicated", "elix_diabetes_complicated"}));
  EXPECT_EQ(M().ApplyHierarchy(both),
            Bits({"charlson_diabetes_complicated", "elix_diabetes_complicated"}));
  // Charlson 2 (not 1 + 2), Quan 1 (not 0 + 1); both diabetes conditions weigh 0 for van Walraven.
  const ComorbidityScores s = M().Score(both);
  EXPECT_EQ(s.charlson, 2);
  EXPECT_EQ(s.charlson_quan, 1);
  EXPECT_EQ(s.van_walraven, 0);
  // Quan codes E11.6 (other specified complications) as uncomplicated for Charlson, but
  // complicated for Elixhauser.
  EXPECT_EQ(M().Match("E11.6"),
            Bits({"charlson_diabetes_uncomplicated", "elix_diabetes_complicated"}));
}

TEST(Comorbidity, MetastaticTumourSupersedesMalignancy) {
  const ComorbidityMask lung_with_secondaries = MatchAll({"C34.1", "C78.0"});
  EXPECT_EQ(M().ApplyHierarchy(lung_with_secondaries),
            Bits({"charlson_metastatic", "elix_metastatic"}));
  const ComorbidityScores s = M().Score(lung_with_secondaries);
  EXPECT_EQ(s.charlson, 6);       // not 2 + 6
  EXPECT_EQ(s.charlson_quan, 6);  // not 2 + 6
  EXPECT_EQ(s.van_walraven, 12);  // not 4 + 12
  // A lymphoma is a Charlson malignancy and stays beside a metastatic tumour in Elixhauser,
  // whose hierarchy concerns solid tumours only.
  const ComorbidityMask with_lymphoma = MatchAll({"C83.3", "C78.0"});
  EXPECT_EQ(M().ApplyHierarchy(with_lymphoma),
            Bits({"charlson_metastatic", "elix_metastatic", "elix_lymphoma"}));
  EXPECT_EQ(M().Score(with_lymphoma).van_walraven, 12 + 9);
}

TEST(Comorbidity, SevereLiverDiseaseSupersedesMild) {
  // Chronic hepatitis (mild) and oesophageal varices (moderate or severe).
  const ComorbidityMask liver = MatchAll({"K73.2", "I85.0"});
  EXPECT_EQ(liver, Bits({"charlson_mild_liver", "charlson_severe_liver", "elix_liver"}));
  EXPECT_EQ(M().ApplyHierarchy(liver), Bits({"charlson_severe_liver", "elix_liver"}));
  const ComorbidityScores s = M().Score(liver);
  EXPECT_EQ(s.charlson, 3);       // not 1 + 3
  EXPECT_EQ(s.charlson_quan, 4);  // not 2 + 4
  EXPECT_EQ(s.van_walraven, 11);
}

TEST(Comorbidity, ComplicatedHypertensionSupersedesUncomplicated) {
  // Hypertensive heart and renal disease with heart failure (I13.0) and essential hypertension.
  const ComorbidityMask m = MatchAll({"I10", "I13.0"});
  EXPECT_EQ(M().ApplyHierarchy(m),
            Bits({"charlson_chf", "elix_chf", "elix_hypertension_complicated"}));
  EXPECT_EQ(M().Score(m).van_walraven, 7);  // heart failure; hypertension weighs 0 either way
}

// A patient with a myocardial infarction (I21.9), heart failure (I50.0), type 2 diabetes with
// kidney complications (E11.2), chronic kidney disease stage 5 (N18.5), cancer of the sigmoid
// colon (C18.7), a moderate depressive episode (F32.1) and COPD with an exacerbation (J44.1).
//   Charlson 1987: MI 1 + CHF 1 + diabetes complicated 2 + renal 2 + malignancy 2 + pulmonary 1 = 9
//   Quan 2011:     MI 0 + CHF 2 + diabetes complicated 1 + renal 1 + malignancy 2 + pulmonary 1 = 7
//   van Walraven:  CHF 7 + diabetes complicated 0 + renal failure 5 + solid tumour 4
//                  + depression -3 + chronic pulmonary 3 = 16 (MI is not an Elixhauser condition)
TEST(Comorbidity, SeveralConditionsScoredByHand) {
  const ComorbidityMask m =
      MatchAll({"I21.9", "I50.0", "E11.2", "N18.5", "C18.7", "F32.1", "J44.1"});
  EXPECT_EQ(m, Bits({"charlson_mi", "charlson_chf", "charlson_diabetes_complicated",
                     "charlson_renal", "charlson_malignancy", "charlson_chronic_pulmonary",
                     "elix_chf", "elix_diabetes_complicated", "elix_renal_failure",
                     "elix_solid_tumour", "elix_depression", "elix_chronic_pulmonary"}));
  const ComorbidityScores s = M().Score(m);
  EXPECT_EQ(s.charlson, 9);
  EXPECT_EQ(s.charlson_quan, 7);
  EXPECT_EQ(s.van_walraven, 16);
  // The largest scores: every Charlson condition gives 29 (1987) and 24 (2011) after the
  // hierarchy; the Elixhauser ones sum their weights, the superseded milder forms weighing 0.
  const ComorbidityScores all = M().Score(kCharlsonBits | kElixhauserBits);
  EXPECT_EQ(all.charlson, 29);
  EXPECT_EQ(all.charlson_quan, 24);
  EXPECT_EQ(all.van_walraven,
            7 + 5 - 1 + 4 + 2 + 7 + 6 + 3 + 5 + 11 + 9 + 12 + 3 - 4 + 6 + 5 - 2 - 2 - 7 - 3);
}

TEST(Comorbidity, TheDataFilesAreChecked) {
  const std::string charlson(EmbeddedFile("data/comorbidity/charlson.csv"));
  const std::string elixhauser(EmbeddedFile("data/comorbidity/elixhauser.csv"));
  ASSERT_TRUE(
      ComorbidityMatcher::FromText("charlson.csv", charlson, "elixhauser.csv", elixhauser).ok());
  // Each case edits charlson.csv once: the text replaced, its replacement, the message.
  const struct {
    std::string from, to, message;
  } cases[] = {
      {"K25-K28", "K28-K25",
       "charlson.csv line 9, column icd10: 'K28-K25' is not a range of codes of one length, "
       "first to last"},
      {"I21 I22", "I21 I2", "charlson.csv line 2, column icd10: 'I2' is not an ICD-10 code"},
      {",6,6,malignancy", ",6,six,malignancy",
       "charlson.csv line 17, column quan_weight: 'six' is not a whole number"},
      {",6,6,malignancy", ",6,6,cancer",
       "charlson.csv: charlson_metastatic supersedes 'cancer', which is not another condition of "
       "the file"},
      {"hiv,AIDS/HIV,B20-B22 B24,6,4,\n", "", "charlson.csv: 16 conditions, expected 17"},
      {"category,name", "condition,name",
       "charlson.csv line 1: the header must be "
       "category,name,icd10,charlson_weight,quan_weight,supersedes"},
  };
  for (const auto& c : cases) {
    std::string edited = charlson;
    edited.replace(edited.find(c.from), c.from.size(), c.to);
    auto built = ComorbidityMatcher::FromText("charlson.csv", edited, "elixhauser.csv", elixhauser);
    EXPECT_EQ(built.ok() ? "ok" : built.status().message(), c.message) << c.from;
  }
}

// Three patients: `a` has heart failure in January, uncomplicated diabetes in March and its
// complications coded in June; `b` a lung cancer with secondaries in February among visits
// with no diagnosis; `c` only hypertension on the last day of 2023.
TEST(Comorbidity, PatientsConditionsOverAPeriod) {
  FinanceFixture f;
  f.Organisation("ICO1", OrgKind::kIco);
  f.Organisation("P1", OrgKind::kPractice, "ICO1");
  f.Organisation("RA", OrgKind::kAcuteTrust);
  const uint32_t a = f.Patient("P1", "2020-01-01");
  const uint32_t b = f.Patient("P1", "2020-01-01");
  const uint32_t c = f.Patient("P1", "2020-01-01");
  f.Event(a, "2024-01-10", Setting::kEmergency, "RA", 2000, "I50.0", 4);
  f.Event(a, "2024-03-01", Setting::kOutpatientFirst, "RA", 160, "E11.9");
  f.Event(a, "2024-06-01", Setting::kOutpatientFollowUp, "RA", 100, "E112");
  f.Event(b, "2024-02-02", Setting::kGp, "P1", 39);
  f.Event(b, "2024-02-02", Setting::kElective, "RA", 4000, "C34.1", 3);
  f.Event(b, "2024-02-03", Setting::kElective, "RA", -1, "C78.0", 1);
  f.Event(b, "2024-04-30", Setting::kGp, "P1", 39);
  f.Event(c, "2023-12-31", Setting::kGp, "P1", 39, "I10");
  const Population& p = f.Finish();
  const Day from = *ParseDate("2024-01-01"), to = *ParseDate("2024-04-30");

  std::vector<ComorbidityMask> masks = PatientComorbidities(p, from, to);
  ASSERT_EQ(masks.size(), 3u);
  EXPECT_EQ(masks[a], Bits({"charlson_chf", "charlson_diabetes_uncomplicated", "elix_chf",
                            "elix_diabetes_uncomplicated"}));
  EXPECT_EQ(M().Score(masks[a]).charlson, 2);
  EXPECT_EQ(masks[b], Bits({"charlson_metastatic", "elix_metastatic"}));
  EXPECT_EQ(masks[c], 0u);

  // To the end of June, a's complications supersede the uncomplicated diabetes.
  masks = PatientComorbidities(p, from, *ParseDate("2024-06-30"));
  EXPECT_EQ(masks[a], Bits({"charlson_chf", "charlson_diabetes_complicated", "elix_chf",
                            "elix_diabetes_complicated"}));
  EXPECT_EQ(M().Score(masks[a]).charlson, 3);
  // The first day and the last are inside the period; an empty period finds nothing.
  masks = PatientComorbidities(p, *ParseDate("2023-12-31"), *ParseDate("2023-12-31"));
  EXPECT_EQ(masks[c], Bit("elix_hypertension_uncomplicated"));
  EXPECT_EQ(masks[a], 0u);
  masks = PatientComorbidities(p, to, from);
  EXPECT_EQ(masks, std::vector<ComorbidityMask>(3, 0));
}

PersonComorbidities Read(const std::string& text) {
  auto people = ReadPersonCodes(CsvFile::FromText("codes.csv", text));
  EXPECT_TRUE(people.ok()) << people.status().message();
  return people.ok() ? *people : PersonComorbidities{};
}

std::string ReadError(const std::string& text) {
  auto people = ReadPersonCodes(CsvFile::FromText("codes.csv", text));
  return people.ok() ? "ok" : people.status().message();
}

TEST(ComorbidityFile, IdsInFirstAppearanceOrderWithTheirConditions) {
  const PersonComorbidities people =
      Read("id,code\nz9,E11.9\nA17,I50.0\nz9,e112\nB 02,\n\nA17,J18.9\n");
  EXPECT_EQ(people.ids, (std::vector<std::string>{"z9", "A17", "B 02"}));
  EXPECT_EQ(people.masks[0], Bits({"charlson_diabetes_complicated", "elix_diabetes_complicated"}));
  EXPECT_EQ(people.masks[1], Bits({"charlson_chf", "elix_chf"}));
  EXPECT_EQ(people.masks[2], 0u);
}

TEST(ComorbidityFile, TheHeaderIsOptional) {
  const PersonComorbidities headed = Read("patient,diagnosis\n1,I50.0\n");
  const PersonComorbidities bare = Read("1,I50.0\n");
  EXPECT_EQ(headed.ids, bare.ids);
  EXPECT_EQ(headed.masks, bare.masks);
  EXPECT_EQ(Read("").ids.size(), 0u);
  EXPECT_EQ(Read("id,code\n").ids.size(), 0u);
}

TEST(ComorbidityFile, EveryBadRowIsReported) {
  EXPECT_EQ(ReadError("id,code\n1,I50.0\n,I10\n2,I5O.0\n3,I10,x\n4,I10\n"),
            "codes.csv line 3, column id: the id is empty\n"
            "codes.csv line 4, column code: 'I5O.0' is not an ICD-10 code (a letter, two digits, "
            "then up to two digits or X, with or without a dot: I50, I50.0, I500)\n"
            "codes.csv line 5: 3 columns, expected 2 (id,code)");
  EXPECT_EQ(ReadError("1,I50.0\n2,I10"),
            "codes.csv line 2: the file ends without a line break; it may be truncated");
  std::string many = "id,code\n";
  for (int i = 0; i < 25; ++i) many += ",I10\n";
  const std::string message = ReadError(many);
  EXPECT_NE(message.find("codes.csv line 21, column id"), std::string::npos) << message;
  EXPECT_EQ(message.find("codes.csv line 22,"), std::string::npos) << message;
  EXPECT_NE(message.find("\n... and 5 more problems"), std::string::npos) << message;
}

}  // namespace
}  // namespace continuum
