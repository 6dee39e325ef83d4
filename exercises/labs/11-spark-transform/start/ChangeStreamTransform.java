package lab.etl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.etl.cdc.ChangeEvents;
import lab.etl.conform.Conform;
import lab.etl.star.ShopTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * The whole Spark side of one micro-batch, from Kafka records to conformed change rows: parse the
 * Debezium envelopes, type each table's row image against its explicit schema ({@link ShopTable}),
 * standardize ({@link Conform}), and turn everything that fails into a dead letter with its reason.
 * Pure: no I/O, so tests run exactly what the streaming driver runs.
 *
 * <p>Lab 11: the output is one frame ({@link #OUTPUT_COLUMNS}) for all tables, and a micro-batch
 * should cost one Spark job that reads its records once, however many tables it touches. A good
 * change carries its row as JSON: exact decimals, microsecond UTC timestamps and dates as text. The
 * warehouse applies it by source position (see the warehouse's ChangeMerge). Keep the public
 * fields and the signature of {@link #transform}: the Spark job's BatchWriter calls it.
 */
public final class ChangeStreamTransform {

  /** table, lsn, source_ts_ms, is_deleted, row, topic, partition, offset, error, raw. */
  public static final List<String> OUTPUT_COLUMNS =
      List.of(
          "table",
          "lsn",
          "source_ts_ms",
          "is_deleted",
          "row",
          "topic",
          "partition",
          "offset",
          "error",
          "raw");

  /**
   * The columns of Kafka's source that the transform reads, in this order: what a writer that is
   * not the Kafka source (a repair's re-read, a test) builds its records with.
   */
  public static final StructType KAFKA_RECORD =
      new StructType()
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType)
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType);

  /** Timestamps travel in UTC with microseconds, as PostgreSQL keeps them. */
  static final String TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss.SSSSSSXXX";

  private ChangeStreamTransform() {}

  /**
   * Transforms a batch of Kafka records (topic, partition, offset, key, value).
   *
   * <p>Lab 11: this works, and every row it writes is right. But it is a branch a table, unioned:
   * Spark parses and scans the batch once per table (sixteen times, and once more for the records
   * of no known table). Make it one pass: each record parsed once, one projection for all tables.
   */
  public static Dataset<Row> transform(Dataset<Row> kafkaRecords) {
    Dataset<Row> out = null;
    List<String> known = new ArrayList<>();
    for (ShopTable t : ShopTable.ALL) {
      known.add(t.name());
      Dataset<Row> branch =
          parsed(kafkaRecords)
              .filter(col("table").equalTo(t.name()))
              .withColumn(
                  "error", when(col("error").isNotNull(), col("error")).otherwise(t.error()));
      branch = branch.select(output(image(t)));
      out = out == null ? branch : out.union(branch);
    }
    // A record whose envelope did not parse, or of a table without a schema: a dead letter.
    Dataset<Row> unknown =
        parsed(kafkaRecords)
            .filter(col("table").isNull().or(not(col("table").isin(known.toArray()))))
            .withColumn(
                "error",
                when(col("error").isNotNull(), col("error"))
                    .otherwise(
                        concat(lit("no schema for table of topic "), col("topic"))
                            .cast(DataTypes.StringType)));
    unknown = unknown.select(output(lit(null).cast(DataTypes.StringType)));
    return out.union(unknown);
  }

  /** The records parsed, with their image: the row after the change, or before a delete. */
  private static Dataset<Row> parsed(Dataset<Row> kafkaRecords) {
    return ChangeEvents.parse(kafkaRecords)
        .withColumn("is_deleted", col("op").equalTo("d"))
        .withColumn("img", when(col("is_deleted"), col("before")).otherwise(col("after")));
  }

  /** The output frame's columns: a good change's row as JSON, a dead letter's raw record. */
  private static Column[] output(Column row) {
    return new Column[] {
      col("table"),
      col("lsn"),
      col("source_ts_ms"),
      col("is_deleted"),
      when(col("error").isNull(), row).as("row"),
      col("topic"),
      col("partition"),
      col("offset"),
      col("error"),
      when(col("error").isNotNull(), col("raw")).as("raw")
    };
  }

  /** A table's typed and standardized columns as one JSON object. */
  private static Column image(ShopTable t) {
    List<Column> fields = new ArrayList<>();
    for (Map.Entry<String, DataType> c : t.columns().entrySet()) {
      fields.add(wire(t.typed(c.getKey()), c.getValue()).as(c.getKey()));
    }
    for (Map.Entry<String, Conform.Derived> d : Conform.derived(t).entrySet()) {
      fields.add(wire(d.getValue().value(), d.getValue().type()).as(d.getKey()));
    }
    return to_json(struct(fields.toArray(Column[]::new)));
  }

  /** Decimals as exact text, timestamps as UTC text with microseconds, dates as ISO text. */
  private static Column wire(Column c, DataType type) {
    if (type instanceof DecimalType || type == DataTypes.DateType) {
      return c.cast(DataTypes.StringType);
    }
    if (type == DataTypes.TimestampType) {
      return date_format(c, TIMESTAMP_FORMAT);
    }
    return c;
  }
}
