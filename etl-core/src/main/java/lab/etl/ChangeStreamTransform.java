package lab.etl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
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
 * <p>One pass, one output frame ({@link #OUTPUT_COLUMNS}) for all tables: each record is parsed
 * once and a {@code CASE} on its table picks that table's rules, so a micro-batch costs one Spark
 * job however many tables it touches. (Tried first: one filtered branch per table, unioned; with
 * sixteen tables it was ten times slower.) A good change carries its row as JSON: exact decimals,
 * microsecond UTC timestamps and dates as text. The warehouse applies it by source position, which
 * is where re-deliveries and stale changes are recognised (see the warehouse's ChangeMerge).
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

  /** Transforms a batch of Kafka records (topic, partition, offset, key, value). */
  public static Dataset<Row> transform(Dataset<Row> kafkaRecords) {
    // Each envelope is parsed once, row images included (as maps of column to text); from_json
    // is not cheap, so Spark keeps it in its own projection rather than repeating it below.
    Dataset<Row> images =
        ChangeEvents.parse(kafkaRecords)
            .withColumn("is_deleted", col("op").equalTo("d"))
            .withColumn("img", when(col("is_deleted"), col("before")).otherwise(col("after")));
    Column error = col("error");
    Column row = lit(null).cast(DataTypes.StringType);
    Column tableError =
        concat(lit("no schema for table of topic "), col("topic")).cast(DataTypes.StringType);
    // Built last-to-first: the CASE tests the tables in the order of ShopTable.ALL.
    List<ShopTable> tables = ShopTable.ALL;
    for (int i = tables.size() - 1; i >= 0; i--) {
      ShopTable t = tables.get(i);
      Column isT = col("table").equalTo(t.name());
      tableError = when(isT, t.error()).otherwise(tableError);
      row = when(isT, image(t)).otherwise(row);
    }
    Column finalError = when(error.isNotNull(), error).otherwise(tableError);
    return images
        .withColumn("error", finalError)
        .select(
            col("table"),
            col("lsn"),
            col("source_ts_ms"),
            col("is_deleted"),
            when(col("error").isNull(), row).as("row"),
            col("topic"),
            col("partition"),
            col("offset"),
            col("error"),
            // The raw record only where it is needed: for the dead-letter table.
            when(col("error").isNotNull(), col("raw")).as("raw"));
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
