package lab.etl.standardize;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The "Standardize" rule of the cleaning step: one spelling per value, as Spark column expressions
 * (built-in functions only, so Spark can optimise them and a student can read each step). The
 * values it knows (countries, calling codes, currencies) are {@link Markets}'.
 *
 * <p>Lab 4 of the exercise course has students write this class: its checker compiles their {@code
 * Standardize.java} and runs the Spark job's transform with it in place of this one, so the public
 * methods here are the seam and keep their signatures.
 */
public final class Standardize {

  /** E.164: a country code that does not start with 0, then up to 15 digits in all. */
  private static final String E164 = "^\\+[1-9][0-9]{6,14}$";

  private Standardize() {}

  /**
   * An email as one spelling: surrounding whitespace removed, lower-cased; blank becomes NULL.
   * (Lower-casing the local part is not strictly RFC 5321, but every mail provider the shop sees
   * treats it case-insensitively, and one spelling per customer is what joins need.)
   */
  public static Column email(Column raw) {
    // trim() only removes spaces; people also paste tabs and line breaks.
    Column trimmed = regexp_replace(raw, "^\\s+|\\s+$", "");
    return when(trimmed.equalTo(""), lit(null).cast(DataTypes.StringType))
        .otherwise(lower(trimmed));
  }

  /**
   * A phone number in E.164 ({@code +49301234567}), or NULL when it cannot be read as one.
   * Separators (spaces, dashes, dots, brackets) are dropped; {@code 00} becomes {@code +}; a
   * national number with a trunk {@code 0} gets the calling code of the customer's country instead.
   */
  public static Column phoneE164(Column raw, Column countryAlpha2) {
    Column digits = regexp_replace(raw, "[\\s\\-.()]", "");
    Column international =
        when(digits.rlike("^\\+"), digits)
            .when(digits.rlike("^00"), concat(lit("+"), substring(digits, 3, Integer.MAX_VALUE)))
            .when(
                digits.rlike("^0[1-9]"),
                concat(
                    lit("+"), callingCode(countryAlpha2), substring(digits, 2, Integer.MAX_VALUE)));
    // One final check instead of one per branch: whatever is not E.164 by now was garbage.
    return when(international.rlike(E164), international);
  }

  /**
   * A country as ISO 3166-1 alpha-2: a two-letter code in any case, or an English name in any case
   * ({@code "germany"}, {@code "Germany "}); NULL when it is neither.
   */
  public static Column countryIso2(Column raw) {
    Column cleaned = lower(regexp_replace(raw, "^\\s+|\\s+$", ""));
    Column code = upper(cleaned);
    return when(code.isin(Markets.COUNTRY_CODES.toArray()), code)
        .otherwise(try_element_at(stringMap(Markets.COUNTRY_NAMES), cleaned));
  }

  /** A currency as its ISO 4217 code ({@code " eur"} becomes {@code EUR}); NULL if unknown. */
  public static Column currency(Column raw) {
    Column code = upper(regexp_replace(raw, "\\s", ""));
    return when(code.isin(Markets.CURRENCIES.toArray()), code);
  }

  /**
   * A date typed in one of the formats the CRM export uses: ISO {@code 2024-07-01}, German {@code
   * 01.07.2024} or US {@code 07/01/2024}; NULL when none fits (the format tells them apart, so
   * 01.07 and 07/01 are never confused).
   */
  public static Column lenientDate(Column raw) {
    Column t = trim(raw);
    return when(t.rlike("^\\d{4}-\\d{2}-\\d{2}$"), try_to_date(t, "yyyy-MM-dd"))
        .when(t.rlike("^\\d{2}\\.\\d{2}\\.\\d{4}$"), try_to_date(t, "dd.MM.yyyy"))
        .when(t.rlike("^\\d{2}/\\d{2}/\\d{4}$"), try_to_date(t, "MM/dd/yyyy"));
  }

  /**
   * A timestamp with an explicit UTC offset ({@code 2024-07-01T12:00:00+02:00} or {@code 2024-07-01
   * 12:00:00+0200}) as the UTC instant it names; NULL without an offset, since a local time without
   * its zone cannot be placed.
   */
  public static Column utcTimestamp(Column raw) {
    Column t = trim(raw);
    return when(
            t.rlike("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$"),
            try_to_timestamp(t, lit("yyyy-MM-dd'T'HH:mm:ssXXX")))
        .when(
            t.rlike("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}[+-]\\d{4}$"),
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mm:ssxx")));
  }

  /** True when standardizing changed the value (NULL to NULL is no change). */
  public static Column wasStandardized(Column raw, Column standardized) {
    return not(raw.eqNullSafe(standardized));
  }

  private static Column stringMap(Map<String, String> entries) {
    List<Column> keysAndValues = new ArrayList<>();
    new TreeMap<>(entries)
        .forEach(
            (k, v) -> {
              keysAndValues.add(lit(k));
              keysAndValues.add(lit(v));
            });
    return functions.map(keysAndValues.toArray(Column[]::new));
  }

  /** The calling code for an ISO alpha-2 country, NULL for one outside the shop's markets. */
  private static Column callingCode(Column countryAlpha2) {
    Column codes = stringMap(Markets.CALLING_CODES);
    // try_: under ANSI mode (Spark 4's default) a missing key would otherwise fail the batch.
    return try_element_at(codes, upper(trim(countryAlpha2)));
  }
}
