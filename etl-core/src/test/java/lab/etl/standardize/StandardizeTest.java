package lab.etl.standardize;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.etl.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class StandardizeTest {

  private static final StructType RAW =
      new StructType().add("raw", DataTypes.StringType).add("country", DataTypes.StringType);

  @Test
  void anEmailIsTrimmedAndLowerCasedAndABlankOneBecomesNull() {
    Map<String, String> standardized =
        emails(
            "  Anna.Schmidt@Example.COM ",
            "bob@example.com",
            "\tMixed.Case@Shop.DE\n",
            "   ",
            "",
            null);

    assertThat(standardized)
        .containsEntry("  Anna.Schmidt@Example.COM ", "anna.schmidt@example.com")
        .containsEntry("bob@example.com", "bob@example.com")
        .containsEntry("\tMixed.Case@Shop.DE\n", "mixed.case@shop.de")
        .containsEntry("   ", null)
        .containsEntry("", null)
        .containsEntry(null, null);
  }

  @Test
  void everyWayTheShopWritesAGermanNumberBecomesTheSameE164Number() {
    Map<String, String> standardized =
        phones(
            "DE",
            "+49 30 123 4567",
            "030-1234567",
            "(030) 123 4567",
            "0049301234567",
            "+49301234567",
            "030.123.4567");

    assertThat(standardized.values()).containsOnly("+49301234567");
    assertThat(standardized).hasSize(6);
  }

  @Test
  void aNationalNumberTakesTheCallingCodeOfTheCustomersCountry() {
    assertThat(standardizePhone("020 7946 0958", "GB")).isEqualTo("+442079460958");
    assertThat(standardizePhone("(0212) 555-0100", "US")).isEqualTo("+12125550100");
    assertThat(standardizePhone("03-1234-5678", "JP")).isEqualTo("+81312345678");
    assertThat(standardizePhone("+33 1 23 45 67 89", "DE"))
        .as("an international number keeps its own country code")
        .isEqualTo("+33123456789");
  }

  @Test
  void whatCannotBeReadAsAPhoneNumberBecomesNull() {
    assertThat(standardizePhone(null, "DE")).isNull();
    assertThat(standardizePhone("", "DE")).isNull();
    assertThat(standardizePhone("call me", "DE")).isNull();
    assertThat(standardizePhone("030-CALL-NOW", "DE")).isNull();
    assertThat(standardizePhone("1234567", "DE")).as("no prefix, no trunk zero").isNull();
    assertThat(standardizePhone("+49 30", "DE")).as("too short").isNull();
    assertThat(standardizePhone("+49 30 1234 5678 9012 34", "DE")).as("too long").isNull();
    assertThat(standardizePhone("030-1234567", "ZZ")).as("not one of the shop's markets").isNull();
    assertThat(standardizePhone("030-1234567", null)).as("country unknown").isNull();
  }

  @Test
  void theFlagSaysWhetherStandardizingChangedTheValue() {
    List<Row> rows =
        SparkTestSession.get()
            .createDataFrame(
                List.of(
                    RowFactory.create("+49301234567", "DE"),
                    RowFactory.create("030-1234567", "DE"),
                    RowFactory.create("garbage", "DE"),
                    RowFactory.create(null, "DE")),
                RAW)
            .select(
                col("raw"),
                Standardize.wasStandardized(
                        col("raw"), Standardize.phoneE164(col("raw"), col("country")))
                    .as("changed"))
            .collectAsList();

    Map<String, Boolean> changed = new HashMap<>();
    rows.forEach(r -> changed.put(r.getString(0), r.getBoolean(1)));
    assertThat(changed)
        .containsEntry("+49301234567", false)
        .containsEntry("030-1234567", true)
        .containsEntry("garbage", true)
        .containsEntry(null, false);
  }

  private static String standardizePhone(String raw, String country) {
    return phones(country, raw).get(raw);
  }

  /** Each raw email with its standardized form, in one Spark job. */
  private static Map<String, String> emails(String... raws) {
    return standardize(null, raws, true);
  }

  /** Each raw phone of a customer in {@code country} with its E.164 form, in one Spark job. */
  private static Map<String, String> phones(String country, String... raws) {
    return standardize(country, raws, false);
  }

  private static Map<String, String> standardize(String country, String[] raws, boolean email) {
    List<Row> input = new ArrayList<>();
    Arrays.stream(raws).forEach(r -> input.add(RowFactory.create(r, country)));
    Dataset<Row> frame = SparkTestSession.get().createDataFrame(input, RAW);
    Dataset<Row> out =
        frame.select(
            col("raw"),
            email
                ? Standardize.email(col("raw"))
                : Standardize.phoneE164(col("raw"), col("country")));
    Map<String, String> result = new HashMap<>();
    out.collectAsList().forEach(r -> result.put(r.getString(0), r.getString(1)));
    return result;
  }

  @Test
  void aCountryTypedAsACodeOrANameInAnyCaseBecomesItsIsoCode() {
    assertThat(
            apply(
                Standardize.countryIso2(col("raw")),
                "DE",
                "de ",
                "Germany",
                "germany",
                " United Kingdom",
                "Atlantis",
                null))
        .containsExactly("DE", "DE", "DE", "DE", "GB", null, null);
  }

  @Test
  void aCurrencyInAnyCaseBecomesItsIso4217CodeAndAnUnknownOneNull() {
    assertThat(apply(Standardize.currency(col("raw")), "eur", " Usd", "SEK", "XYZ", null))
        .containsExactly("EUR", "USD", "SEK", null, null);
  }

  @Test
  void aDateInTheCrmsLocalFormatsBecomesTheSameDay() {
    assertThat(
            apply(
                Standardize.lenientDate(col("raw")).cast("string"),
                "1990-03-05",
                "05.03.1990",
                "03/05/1990",
                "5 March 1990",
                "31.02.1990"))
        .containsExactly("1990-03-05", "1990-03-05", "1990-03-05", null, null);
  }

  @Test
  void aTimestampWithAnOfficesOffsetBecomesTheUtcInstantAndOneWithoutAnOffsetNull() {
    assertThat(
            apply(
                Standardize.utcTimestamp(col("raw")).cast("string"),
                "2025-02-01T10:00:00Z",
                "2025-02-01T11:00:00+01:00",
                "2025-02-01 15:30:00+0530",
                "2025-02-01 10:00:00"))
        .containsExactly("2025-02-01 10:00:00", "2025-02-01 10:00:00", "2025-02-01 10:00:00", null);
  }

  /** The standardized values, in input order. */
  private static List<String> apply(org.apache.spark.sql.Column rule, String... raws) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < raws.length; i++) {
      rows.add(RowFactory.create(raws[i], String.valueOf(i)));
    }
    Dataset<Row> in = SparkTestSession.get().createDataFrame(rows, RAW);
    List<String> out = new ArrayList<>();
    for (Row r :
        in.select(rule.as("std"), col("country").cast("int").as("i"))
            .orderBy("i")
            .collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }
}
