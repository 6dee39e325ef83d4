package lab.etl.star;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import lab.etl.dedup.Dedup;
import lab.etl.standardize.Standardize;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns the good, typed changes of each shop table into the rows the star needs: one latest change
 * per key, with the derived columns (an order's calendar key, a line's amount).
 */
public final class StarTransforms {

  /** A line's amount: quantity x unit price, exact, two decimals. */
  public static final org.apache.spark.sql.types.DataType AMOUNT =
      DataTypes.createDecimalType(14, 2);

  private StarTransforms() {}

  /**
   * dim_customer rows: the latest change per customer, with its contact details standardized. The
   * raw {@code email} stays as the shop has it, so the warehouse can still be reconciled with the
   * source; {@code email_std} and {@code phone_e164} are the columns to join and report on.
   */
  public static Dataset<Row> customers(Dataset<Row> typedCustomers) {
    return Dedup.latestPerKey(good(typedCustomers), "customer_id")
        .withColumn("email_std", Standardize.email(col("email")))
        .withColumn("phone_e164", Standardize.phoneE164(col("phone"), col("country")))
        .withColumn(
            "email_was_standardized", Standardize.wasStandardized(col("email"), col("email_std")))
        .withColumn(
            "phone_was_standardized", Standardize.wasStandardized(col("phone"), col("phone_e164")))
        .withColumn(
            "contact_standardized", col("email_was_standardized").or(col("phone_was_standardized")))
        .select(
            "customer_id",
            "email",
            "email_std",
            "phone_e164",
            "full_name",
            "country",
            "created_at",
            "email_was_standardized",
            "phone_was_standardized",
            "contact_standardized",
            "lsn",
            "is_deleted");
  }

  /** dim_product rows: the latest change per product. */
  public static Dataset<Row> products(Dataset<Row> typedProducts) {
    return Dedup.latestPerKey(good(typedProducts), "product_id")
        .select("product_id", "sku", "name", "category", "unit_price", "lsn", "is_deleted");
  }

  /** Order headers with their UTC calendar key (yyyymmdd): the latest change per order. */
  public static Dataset<Row> orders(Dataset<Row> typedOrders) {
    return Dedup.latestPerKey(good(typedOrders), "order_id")
        .withColumn(
            "date_key", date_format(col("ordered_at"), "yyyyMMdd").cast(DataTypes.IntegerType))
        .select("order_id", "customer_id", "status", "ordered_at", "date_key", "lsn", "is_deleted");
  }

  /** fact_order_line rows: the latest change per line, with its amount. */
  public static Dataset<Row> orderLines(Dataset<Row> typedItems) {
    return Dedup.latestPerKey(good(typedItems), "order_id", "line_no")
        .withColumn("amount", col("unit_price").multiply(col("quantity")).cast(AMOUNT))
        .select(
            "order_id",
            "line_no",
            "product_id",
            "quantity",
            "unit_price",
            "amount",
            "lsn",
            "is_deleted");
  }

  private static Dataset<Row> good(Dataset<Row> typed) {
    return typed.where(col("error").isNull());
  }
}
