package lab.etl;

import static org.apache.spark.sql.functions.col;

import lab.etl.cdc.ChangeEvents;
import lab.etl.dedup.Dedup;
import lab.etl.star.ShopTable;
import lab.etl.star.StarTransforms;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The whole transform of one micro-batch, from Kafka records to star rows: parse the envelopes,
 * drop re-delivered changes, type each table's row images, and reduce to the latest change per
 * key. Pure: no I/O, so tests run exactly what the streaming driver runs.
 */
public final class ChangeStreamTransform {

  private ChangeStreamTransform() {}

  /** Transforms a batch of Kafka records (topic, partition, offset, key, value). */
  public static StarFrames transform(Dataset<Row> kafkaRecords) {
    Dataset<Row> events = ChangeEvents.parse(kafkaRecords);
    Dataset<Row> unique = Dedup.dropRedeliveries(events);
    Dataset<Row> customers = ShopTable.CUSTOMERS.typedChanges(unique);
    Dataset<Row> products = ShopTable.PRODUCTS.typedChanges(unique);
    Dataset<Row> orders = ShopTable.ORDERS.typedChanges(unique);
    Dataset<Row> items = ShopTable.ORDER_ITEMS.typedChanges(unique);
    Dataset<Row> unknownTable =
        unique
            .where(col("error").isNull())
            .where(col("table").isin("customers", "products", "orders", "order_items").unary_$bang())
            .withColumn("error", org.apache.spark.sql.functions.concat(
                org.apache.spark.sql.functions.lit("no table mapping for topic "), col("topic")));
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
        events,
        unique,
        StarTransforms.customers(customers),
        StarTransforms.products(products),
        StarTransforms.orders(orders),
        StarTransforms.orderLines(items),
        deadLetters);
  }

  private static Dataset<Row> rejected(Dataset<Row> typed) {
    return typed.where(col("error").isNotNull()).select("topic", "partition", "offset", "error", "raw");
  }
}
