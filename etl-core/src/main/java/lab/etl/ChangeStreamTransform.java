package lab.etl;

import static org.apache.spark.sql.functions.col;

import java.util.function.UnaryOperator;
import lab.etl.cdc.ChangeEvents;
import lab.etl.dedup.Dedup;
import lab.etl.star.ShopTable;
import lab.etl.star.StarTransforms;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The whole transform of one micro-batch, from Kafka records to star rows: parse the envelopes,
 * drop re-delivered changes, type each table's row images, and reduce to the latest change per key.
 * Pure: no I/O, so tests run exactly what the streaming driver runs.
 */
public final class ChangeStreamTransform {

  private ChangeStreamTransform() {}

  /** Transforms a batch of Kafka records (topic, partition, offset, key, value). */
  public static StarFrames transform(Dataset<Row> kafkaRecords) {
    return transform(kafkaRecords, UnaryOperator.identity());
  }

  /**
   * The same transform, letting the caller materialize the intermediate results that several
   * outputs read (the parsed events and each table's typed changes). A streaming driver passes
   * {@code Dataset::persist} so a micro-batch is parsed once rather than once per output; without
   * it every output re-parses and re-shuffles the whole batch.
   */
  public static StarFrames transform(
      Dataset<Row> kafkaRecords, UnaryOperator<Dataset<Row>> reused) {
    Dataset<Row> events = reused.apply(ChangeEvents.parse(kafkaRecords));
    Dataset<Row> deliveryCounts = Dedup.deliveryCounts(events);
    Dataset<Row> customers = reused.apply(ShopTable.CUSTOMERS.typedChanges(events));
    Dataset<Row> products = reused.apply(ShopTable.PRODUCTS.typedChanges(events));
    Dataset<Row> orders = reused.apply(ShopTable.ORDERS.typedChanges(events));
    Dataset<Row> items = reused.apply(ShopTable.ORDER_ITEMS.typedChanges(events));
    Dataset<Row> unknownTable =
        events
            .where(col("error").isNull())
            .where(
                col("table").isin("customers", "products", "orders", "order_items").unary_$bang())
            .withColumn(
                "error",
                org.apache.spark.sql.functions.concat(
                    org.apache.spark.sql.functions.lit("no table mapping for topic "),
                    col("topic")));
    Dataset<Row> deadLetters =
        events
            .where(col("error").isNotNull())
            .select("topic", "partition", "offset", "error", "raw")
            .union(rejected(customers))
            .union(rejected(products))
            .union(rejected(orders))
            .union(rejected(items))
            .union(unknownTable.select("topic", "partition", "offset", "error", "raw"));
    return new StarFrames(
        deliveryCounts,
        StarTransforms.customers(customers),
        StarTransforms.products(products),
        StarTransforms.orders(orders),
        StarTransforms.orderLines(items),
        deadLetters);
  }

  private static Dataset<Row> rejected(Dataset<Row> typed) {
    return typed
        .where(col("error").isNotNull())
        .select("topic", "partition", "offset", "error", "raw");
  }
}
