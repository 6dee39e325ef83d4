package lab.etl.standardize;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The "Standardize" rule of the cleaning step: one spelling per value, as Spark column expressions
 * (built-in functions only, so Spark can optimise them and a student can read each step).
 */
public final class Standardize {

  /**
   * Country calling codes of the shop's markets (mirrors the countries the shop generator sells
   * to); a national number from any other country cannot be made international and becomes NULL.
   */
  public static final Map<String, String> CALLING_CODES =
      Map.ofEntries(
          Map.entry("US", "1"),
          Map.entry("GB", "44"),
          Map.entry("DE", "49"),
          Map.entry("FR", "33"),
          Map.entry("NL", "31"),
          Map.entry("ES", "34"),
          Map.entry("IT", "39"),
          Map.entry("SE", "46"),
          Map.entry("PL", "48"),
          Map.entry("BR", "55"),
          Map.entry("CA", "1"),
          Map.entry("JP", "81"),
          Map.entry("IN", "91"),
          Map.entry("AU", "61"));

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

  /** True when standardizing changed the value (NULL to NULL is no change). */
  public static Column wasStandardized(Column raw, Column standardized) {
    return not(raw.eqNullSafe(standardized));
  }

  /** The calling code for an ISO alpha-2 country, NULL for one outside the shop's markets. */
  private static Column callingCode(Column countryAlpha2) {
    List<Column> keysAndValues = new ArrayList<>();
    CALLING_CODES.forEach(
        (country, code) -> {
          keysAndValues.add(lit(country));
          keysAndValues.add(lit(code));
        });
    Column codes = functions.map(keysAndValues.toArray(Column[]::new));
    // try_: under ANSI mode (Spark 4's default) a missing key would otherwise fail the batch.
    return try_element_at(codes, upper(trim(countryAlpha2)));
  }
}
