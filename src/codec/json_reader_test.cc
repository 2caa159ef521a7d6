#include "codec/json_reader.h"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>

namespace continuum {
namespace {

JsonDocument MustParse(std::string_view text) {
  Result<JsonDocument> doc = JsonDocument::Parse(text, "test.json");
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return std::move(doc).value();
}

std::string ParseError(std::string_view text) {
  Result<JsonDocument> doc = JsonDocument::Parse(text, "test.json");
  EXPECT_FALSE(doc.ok());
  return doc.ok() ? "" : doc.status().message();
}

TEST(JsonReader, ReadsEachTypeFromNestedObjectsAndArrays) {
  const JsonDocument doc = MustParse(R"({
    "name": "Nelson Vale", "open": true, "count": 42, "share": 0.5,
    "period": {"start": "2024-04-01"},
    "bands": [{"to": 2}, {"to": null}]
  })");
  auto root = doc.root().Object({"name", "open", "count", "share", "period", "bands"});
  ASSERT_TRUE(root.ok()) << root.status().message();
  EXPECT_EQ(*root->String("name"), "Nelson Vale");
  EXPECT_TRUE(*root->Boolean("open"));
  EXPECT_EQ(*root->Required("count")->Integer(), 42);
  EXPECT_DOUBLE_EQ(*root->Number("share"), 0.5);
  auto period = root->Object("period", {"start", "end"});
  ASSERT_TRUE(period.ok());
  EXPECT_EQ(FormatDate(*period->Date("start")), "2024-04-01");
  EXPECT_FALSE(period->Has("end"));
  EXPECT_FALSE(period->Optional("end").has_value());
  auto bands = root->Array("bands");
  ASSERT_TRUE(bands.ok());
  ASSERT_EQ(bands->size(), 2u);
  EXPECT_EQ((*bands)[1].path(), "bands[1]");
  auto second = (*bands)[1].Object({"to"});
  ASSERT_TRUE(second.ok());
  // A null field is there for Required (it may mean "open") and absent for Optional.
  EXPECT_TRUE(second->Required("to")->IsNull());
  EXPECT_FALSE(second->Optional("to").has_value());
}

TEST(JsonReader, MessagesNameTheFileAndTheFieldPath) {
  const JsonDocument doc =
      MustParse(R"({"corridor": {"overspend": [{"ico_share": 1}, {"ico_share": "half"}]}})");
  auto root = doc.root().Object({"corridor"});
  auto corridor = root->Object("corridor", {"overspend", "underspend"});
  auto bands = corridor->Array("overspend");
  auto band = (*bands)[1].Object({"ico_share"});
  EXPECT_EQ(band->Number("ico_share").status().message(),
            "test.json, field corridor.overspend[1].ico_share: must be a number, not \"half\"");
  EXPECT_EQ(corridor->Array("underspend").status().message(),
            "test.json, field corridor.underspend: is required");
  EXPECT_EQ((*bands)[0].Error("must be between 0 and 1, not 1.5").message(),
            "test.json, field corridor.overspend[0]: must be between 0 and 1, not 1.5");
  EXPECT_EQ(doc.root().Array().status().message(), "test.json: must be an array, not an object");
}

TEST(JsonReader, RejectsUnknownFieldsNamingTheExpectedOnes) {
  const JsonDocument doc = MustParse(R"({"corridor": {"overspnd": []}})");
  auto root = doc.root().Object({"corridor"});
  EXPECT_EQ(root->Object("corridor", {"overspend", "underspend"}).status().message(),
            "test.json, field corridor.overspnd: unknown field; expected one of overspend, "
            "underspend");
}

// A tagged object: its kind is read first, then it is opened with that kind's fields.
TEST(JsonReader, AFieldIsReadBeforeItsObjectIsOpened) {
  const JsonDocument doc = MustParse(R"({"steps": [{"kind": "death", "place": "home"}, 3]})");
  auto steps = doc.root().Object({"steps"})->Array("steps");
  std::optional<JsonValue> kind = (*steps)[0].Field("kind");
  ASSERT_TRUE(kind.has_value());
  EXPECT_EQ(kind->path(), "steps[0].kind");
  EXPECT_EQ(*kind->String(), "death");
  EXPECT_FALSE((*steps)[0].Field("within_days").has_value());
  EXPECT_FALSE((*steps)[1].Field("kind").has_value());
  EXPECT_EQ((*steps)[0].Object({"kind"}).status().message(),
            "test.json, field steps[0].place: unknown field; expected one of kind");
}

TEST(JsonReader, SyntaxErrorsGiveLineAndColumn) {
  // A literal broken by a line break is reported at the end of its line.
  EXPECT_EQ(ParseError("{\n  \"a\": 1,\n  \"b\": tru\n}").substr(0, 29),
            "test.json line 3, column 11: ");
  EXPECT_NE(ParseError("{\"a\": 1,}").find("test.json line 1, column 9: "), std::string::npos);
  EXPECT_NE(ParseError("").find("test.json line 1"), std::string::npos);
  EXPECT_NE(ParseError("{} {}").find("expected end of input"), std::string::npos);
  EXPECT_EQ(ParseError("[1e999]"), "test.json line 1, column 6: number overflow parsing '1e999'");
}

// nlohmann's reader ends the text at a NUL byte: what follows one must not be ignored.
TEST(JsonReader, NothingButWhiteSpaceFollowsTheDocument) {
  EXPECT_EQ(ParseError(std::string("{\"a\": 1}\n\0garbage", 18)),
            "test.json line 2, column 1: a NUL byte; JSON text holds none, and nothing but white "
            "space may follow the document");
  EXPECT_NE(ParseError("{\"a\": 1}\n}").find("test.json line 2, column 1: "), std::string::npos);
  MustParse("{\"a\": 1}\n \t\r\n");
}

// A token of megabytes, or one holding a carriage return, is shown as every quoted value is.
TEST(JsonReader, MessagesQuoteValuesShortAndPrintable) {
  const std::string long_token = "[\"" + std::string(1 << 20, 'x');  // never closed
  const std::string message = ParseError(long_token);
  EXPECT_LT(message.size(), 300u) << message;
  EXPECT_NE(message.find("…' (1048577 bytes)"), std::string::npos) << message;
  EXPECT_EQ(ParseError("[\"a\rb\"]").find('\r'), std::string::npos);
  EXPECT_EQ(ParseError("{\"a\": 1,\n \"\xb7\": 2}"),
            "test.json line 2, column 3: syntax error while parsing object key - invalid string: "
            "ill-formed UTF-8 byte; last read: '\"\\xB7'; expected string literal");
  // A token that itself reads like the end of a message is still quoted whole.
  EXPECT_EQ(ParseError("[\"a'; expected b\xf6\"]"),
            "test.json line 1, column 17: syntax error while parsing value - invalid string: "
            "ill-formed UTF-8 byte; last read: '\"a'; expected b\\xF6'");
  EXPECT_EQ(ParseError("{\"a\\rb\": 1, \"a\\rb\": 2}"),
            "test.json, field \"a\\rb\": appears twice");
  const JsonDocument doc = MustParse("{\"name\": \"" + std::string(100, 'n') + "\"}");
  const std::string type = doc.root().Object({"name"})->Number("name").status().message();
  EXPECT_EQ(type, "test.json, field name: must be a number, not \"" + std::string(60, 'n') +
                      "…\" (100 bytes)");
}

TEST(JsonReader, RejectsDuplicateFieldsAndDeepNesting) {
  EXPECT_EQ(ParseError(R"({"a": {"b": 1, "b": 2}})"), "test.json, field a.b: appears twice");
  const std::string deep = ParseError(std::string(1000, '[') + std::string(1000, ']'));
  EXPECT_EQ(deep.rfind("test.json, field [0][0][0]", 0), 0u) << deep;
  EXPECT_NE(deep.find(": nested more than 256 levels deep"), std::string::npos) << deep;
}

TEST(JsonReader, FixedPointIsExact) {
  const JsonDocument doc = MustParse(R"([0.8, 1, 2.5, -0.25, 0.1234567, 1e-1, 12345678901234567])");
  auto items = *doc.root().Array();
  EXPECT_EQ(*items[0].FixedPoint(6), 800000);
  EXPECT_EQ(*items[1].FixedPoint(6), 1000000);
  EXPECT_EQ(*items[2].FixedPoint(4), 25000);
  EXPECT_EQ(*items[3].FixedPoint(2), -25);
  EXPECT_EQ(items[4].FixedPoint(6).status().message(),
            "test.json, field [4]: must have at most 6 decimals, not 0.1234567");
  EXPECT_EQ(items[5].FixedPoint(6).status().message(),
            "test.json, field [5]: must be written as a plain decimal (like 0.25), not 1e-1");
  EXPECT_FALSE(items[6].FixedPoint(6).ok());
}

TEST(JsonReader, PoundsFromNumbersOrStringsExactly) {
  const JsonDocument doc =
      MustParse(R"([262500000.00, "1750.00", 39, 0.07, 1.234, -5, "£5", true])");
  auto items = *doc.root().Array();
  EXPECT_EQ(*items[0].Pounds(), 26250000000);
  EXPECT_EQ(*items[1].Pounds(), 175000);
  EXPECT_EQ(*items[2].Pounds(), 3900);
  EXPECT_EQ(*items[3].Pounds(), 7);
  EXPECT_EQ(items[4].Pounds().status().message(),
            "test.json, field [4]: '1.234' is not an amount in pounds (e.g. 39.00)");
  EXPECT_EQ(items[5].Pounds().status().message(),
            "test.json, field [5]: must be 0 or more, not -5");
  EXPECT_FALSE(items[6].Pounds().ok());
  EXPECT_EQ(items[7].Pounds().status().message(),
            "test.json, field [7]: must be an amount in pounds, not true");
}

TEST(JsonReader, IntegersDatesAndChoices) {
  const JsonDocument doc =
      MustParse(R"([7, 7.5, 99999999999999999999, "2024-02-30", "commissioner", "insurer", 3])");
  auto items = *doc.root().Array();
  EXPECT_EQ(*items[0].Integer(), 7);
  EXPECT_EQ(items[1].Integer().status().message(),
            "test.json, field [1]: must be a whole number, not 7.5");
  EXPECT_FALSE(items[2].Integer().ok());
  EXPECT_EQ(items[3].Date().status().message(), "test.json, field [3]: '2024-02-30' is not a date");
  static constexpr std::array<std::string_view, 2> kRoles = {"risk_partner", "commissioner"};
  EXPECT_EQ(*items[4].OneOf(kRoles), 1);
  EXPECT_EQ(items[5].OneOf(kRoles).status().message(),
            "test.json, field [5]: must be one of risk_partner, commissioner, not \"insurer\"");
  EXPECT_EQ(items[6].String().status().message(), "test.json, field [6]: must be a string, not 3");
}

TEST(JsonReader, ReadsAFileAndNamesItWithoutItsFolder) {
  const std::string dir = testing::TempDir() + "/json_reader";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/plan.json") << R"({"x": "y"})";
  auto doc = JsonDocument::Read(dir + "/plan.json");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->file_name(), "plan.json");
  EXPECT_EQ(doc->root().Object({}).status().message(),
            "plan.json, field x: unknown field; this object takes no fields");
  EXPECT_EQ(JsonDocument::Read(dir + "/missing.json").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace continuum
