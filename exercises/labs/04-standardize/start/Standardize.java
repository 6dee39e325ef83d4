package lab.etl.standardize;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Lab 4: the "Standardize" rule of the Spark job — one spelling per value, as Spark column
 * expressions. The Spark job calls these methods for every change of customers, addresses, the
 * CRM's imports, orders, payments and stores (see lab.etl.conform.Conform); the checker compiles
 * this file and runs the job's own transform with it in place of the pipeline's class.
 *
 * <p>Keep the package, the class name and every method's signature. Use Spark's built-in
 * functions (org.apache.spark.sql.functions: regexp_replace, lower, upper, when, try_to_date,
 * try_to_timestamp, ...), not a UDF: Spark can optimise them, and every step stays readable. The
 * values to standardize to (the shop's countries, their calling codes, its currencies) are in
 * {@link Markets}.
 *
 * <p>Every method below still hands the value on as the shop holds it (or NULL where the type must
 * change): that is the mess the star must not see.
 */
public final class Standardize {

  private Standardize() {}

  /**
   * An email as one spelling: surrounding whitespace (spaces, tabs, line breaks) removed,
   * lower-cased; NULL when nothing is left.
   */
  public static Column email(Column raw) {
    return raw;
  }

  /**
   * A phone number in E.164 ({@code +49301234567}: a plus, a country code that does not start with
   * 0, then up to 15 digits in all), or NULL when it cannot be read as one. Separators (spaces,
   * dashes, dots, brackets) are dropped; a leading {@code 00} means {@code +}; a national number
   * (a trunk {@code 0}, then the number) takes the calling code of the customer's country.
   */
  public static Column phoneE164(Column raw, Column countryAlpha2) {
    return raw;
  }

  /**
   * A country as ISO 3166-1 alpha-2: a two-letter code in any case, or an English name in any
   * case and with stray whitespace ({@code "germany"}, {@code " Germany"}) as {@code DE}; NULL when
   * it is neither.
   */
  public static Column countryIso2(Column raw) {
    return raw;
  }

  /**
   * A currency as its ISO 4217 code ({@code " eur"}, {@code "Eur"} become {@code EUR}); NULL if
   * unknown.
   */
  public static Column currency(Column raw) {
    return raw;
  }

  /**
   * A date typed in one of the formats the CRM export uses: ISO {@code 2024-07-01}, German {@code
   * 01.07.2024} or US {@code 07/01/2024}, as a DATE; NULL when none fits. The separator tells the
   * formats apart: 01.07 is the first of July, 07/01 too.
   */
  public static Column lenientDate(Column raw) {
    return lit(null).cast(DataTypes.DateType);
  }

  /**
   * A timestamp with an explicit UTC offset ({@code 2024-07-01T12:00:00+02:00}, {@code
   * 2024-07-01T10:00:00Z} or {@code 2024-07-01 12:00:00+0200}) as the instant it names, a
   * TIMESTAMP (Spark keeps it in UTC); NULL without an offset, since a local time without its zone
   * cannot be placed.
   */
  public static Column utcTimestamp(Column raw) {
    return lit(null).cast(DataTypes.TimestampType);
  }

  /** True when standardizing changed the value (NULL to NULL is no change). Given. */
  public static Column wasStandardized(Column raw, Column standardized) {
    return not(raw.eqNullSafe(standardized));
  }
}
