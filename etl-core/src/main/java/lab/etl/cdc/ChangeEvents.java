package lab.etl.cdc;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Parses Kafka records holding Debezium change envelopes into one row per change event.
 *
 * <p>Input: the Kafka source's columns (topic, partition, offset, key, value). Output: topic,
 * partition, offset, table, key, op, lsn, tx_id, source_ts_ms, before, after, raw, error: the Kafka
 * position, the source table, the event's operation and source position (LSN, transaction id,
 * commit time), the row images as maps of column name to value text ({@link #ROW_IMAGE}), and
 * {@code error}, which is null for a good event and the reason otherwise. Tombstones (null values,
 * written after a delete for log compaction) carry no change and are dropped here.
 */
public final class ChangeEvents {

  /**
   * A row image as column name to value text, whatever the table: one parse serves every table (a
   * JSON number or date read as text keeps its digits), and {@link lab.etl.star.ShopTable#typed}
   * types each table's own columns. A map rather than a struct of every table's columns: Spark's
   * JSON reader does per-field work for each struct it fills, and that struct would have over a
   * hundred fields.
   */
  public static final MapType ROW_IMAGE =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

  /** Debezium's envelope, parsed once with both row images. */
  static final StructType ENVELOPE =
      new StructType()
          .add("before", ROW_IMAGE)
          .add("after", ROW_IMAGE)
          .add("op", DataTypes.StringType)
          .add("ts_ms", DataTypes.LongType)
          .add(
              "source",
              new StructType()
                  .add("lsn", DataTypes.LongType)
                  .add("txId", DataTypes.LongType)
                  .add("ts_ms", DataTypes.LongType)
                  .add("snapshot", DataTypes.StringType)
                  .add("table", DataTypes.StringType));

  private ChangeEvents() {}

  /** Parses a batch of Kafka records; bad envelopes are kept with a reason in {@code error}. */
  public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
    Dataset<Row> withText =
        kafkaRecords
            .where(col("value").isNotNull())
            .select(
                col("topic"),
                col("partition"),
                col("offset"),
                col("key").cast(DataTypes.StringType).as("key"),
                col("value").cast(DataTypes.StringType).as("raw"));
    Column envelope = from_json(col("raw"), ENVELOPE);
    return withText
        .withColumn("e", envelope)
        .select(
            col("topic"),
            col("partition"),
            col("offset"),
            substring_index(col("topic"), ".", -1).as("table"),
            col("key"),
            col("e.op").as("op"),
            col("e.source.lsn").as("lsn"),
            col("e.source.txId").as("tx_id"),
            col("e.source.ts_ms").as("source_ts_ms"),
            col("e.before").as("before"),
            col("e.after").as("after"),
            col("raw"),
            envelopeError(col("e")).as("error"));
  }

  /** The first reason the envelope cannot be applied, or null. */
  private static Column envelopeError(Column e) {
    Column op = e.getField("op");
    return when(e.isNull().or(op.isNull()), lit("not a Debezium change envelope"))
        .when(not(op.isin("c", "u", "d", "r")), concat(lit("unknown op '"), op, lit("'")))
        .when(e.getField("source").getField("lsn").isNull(), lit("missing source.lsn"))
        .when(
            op.equalTo("d").and(e.getField("before").isNull()), lit("delete without before image"))
        .when(op.notEqual("d").and(e.getField("after").isNull()), lit("missing after image"));
  }
}
