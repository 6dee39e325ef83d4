package lab.etl.fx;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import lab.etl.standardize.Standardize;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The second source: daily FX rates dropped as CSV files ({@code date,currency,units_per_eur}, one
 * header line), read by Spark beside the change stream. Every amount in the star is also converted
 * to the reporting currency (EUR) with the rate of its day; a day without a rate (markets close at
 * weekends) takes the latest earlier one, which the warehouse's as-of join does.
 *
 * <p>Input: lines of text ({@code value}) and whatever the caller keeps beside them (the file, a
 * line number). Output: those columns, the text as {@code line}, and currency, rate_date,
 * units_per_eur and {@code error} (null for a good rate, else the reason: a bad line is reported,
 * never silently dropped).
 */
public final class FxRates {

  /** The header every file starts with. */
  public static final String HEADER = "date,currency,units_per_eur";

  private FxRates() {}

  /** Parses and validates the lines of the dropped files. */
  public static Dataset<Row> parse(Dataset<Row> lines) {
    Column fields = split(col("value"), ",", -1);
    Dataset<Row> parsed =
        lines
            .where(trim(col("value")).notEqual("").and(trim(col("value")).notEqual(HEADER)))
            .withColumn("fields", fields)
            .withColumn(
                "rate_date", expr("try_to_date(trim(try_element_at(fields, 1)), 'yyyy-MM-dd')"))
            .withColumn("currency", Standardize.currency(expr("try_element_at(fields, 2)")))
            .withColumn(
                "units_per_eur",
                expr("try_cast(trim(try_element_at(fields, 3)) AS " + RATE.sql() + ")"));
    Column error =
        when(size(col("fields")).notEqual(3), lit("expected 3 fields: " + HEADER))
            .when(col("rate_date").isNull(), lit("date is not yyyy-MM-dd"))
            .when(col("currency").isNull(), lit("currency is not an ISO 4217 code the shop uses"))
            .when(
                col("units_per_eur").isNull().or(col("units_per_eur").leq(0)),
                lit("rate is not a positive number"));
    return parsed.withColumn("error", error).drop("fields").withColumnRenamed("value", "line");
  }

  /** Units of a currency per euro: ten digits before the point, eight after. */
  public static final org.apache.spark.sql.types.DecimalType RATE =
      DataTypes.createDecimalType(18, 8);
}
