package lab.streaming.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import lab.etl.ChangeStreamTransform;
import lab.etl.StarFrames;
import lab.warehouse.sink.BatchResult;
import lab.warehouse.sink.CustomerChange;
import lab.warehouse.sink.DeadLetter;
import lab.warehouse.sink.OrderChange;
import lab.warehouse.sink.OrderLineChange;
import lab.warehouse.sink.ProductChange;
import lab.warehouse.sink.SourceOffset;
import lab.warehouse.sink.StarBatch;
import lab.warehouse.sink.StarSink;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreachBatch body: runs the pure transform on one micro-batch and hands the result to the
 * warehouse sink, which applies it exactly once. Runs on the driver; the star rows of a batch are
 * small enough to stream through it (they are bounded by maxOffsetsPerTrigger).
 */
final class BatchWriter {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final String pipelineId;
  private final StarSink sink;

  BatchWriter(String pipelineId, StarSink sink) {
    this.pipelineId = pipelineId;
    this.sink = sink;
  }

  void write(Dataset<Row> kafkaRecords, long batchId) throws SQLException {
    long started = System.nanoTime();
    // The Kafka read, the parse and each table's typed changes feed several outputs: persist
    // them for the batch so each is computed once, not once per output.
    List<Dataset<Row>> cached = new ArrayList<>();
    UnaryOperator<Dataset<Row>> cache =
        d -> {
          Dataset<Row> persisted = d.persist();
          cached.add(persisted);
          return persisted;
        };
    Dataset<Row> records = cache.apply(kafkaRecords);
    try {
      // Every path consumes the batch, even a replay the ledger will skip: Spark 4.2's
      // stateful queries fail commit validation when foreachBatch leaves it unread.
      List<Row> partitions = perPartition(records);
      long recordCount = partitions.stream().mapToLong(r -> r.getLong(3)).sum();
      StarFrames star = ChangeStreamTransform.transform(records, cache);
      long duplicates = duplicates(star);
      StarBatch batch =
          new StarBatch(
              pipelineId,
              batchId,
              recordCount,
              duplicates,
              offsets(partitions),
              collect(star.customers(), BatchWriter::customer),
              collect(star.products(), BatchWriter::product),
              collect(star.orders(), BatchWriter::order),
              collect(star.orderLines(), BatchWriter::orderLine),
              collect(star.deadLetters(), BatchWriter::deadLetter));
      long transformed = System.nanoTime();
      BatchResult result = sink.apply(batch);
      log.info(
          "batch {}: {} records, {} duplicates, {} rows staged, {} stale, {} dead letters{} in {} ms"
              + " (spark {} ms, duckdb {} ms)",
          batchId,
          recordCount,
          duplicates,
          result.rowsStaged(),
          result.stale(),
          result.deadLetters(),
          result.alreadyApplied() ? " (already applied, skipped)" : "",
          (System.nanoTime() - started) / 1_000_000,
          (transformed - started) / 1_000_000,
          (System.nanoTime() - transformed) / 1_000_000);
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  /** topic, partition, highest offset, record count: one job for the ledger and the log. */
  private static List<Row> perPartition(Dataset<Row> records) {
    return records
        .groupBy("topic", "partition")
        .agg(max(col("offset")).as("last_offset"), count(lit(1)).as("records"))
        .collectAsList();
  }

  private static List<SourceOffset> offsets(List<Row> partitions) {
    return partitions.stream()
        .map(r -> new SourceOffset(r.getString(0), r.getInt(1), r.getLong(2)))
        .toList();
  }

  /** Changes delivered more than once within the batch. */
  private static long duplicates(StarFrames star) {
    Row counts = star.deliveryCounts().first();
    return counts.<Long>getAs("delivered") - counts.<Long>getAs("distinct_changes");
  }

  /**
   * One Spark job per output. (Tried: one job for all outputs, tagged and unioned by name; it was
   * two to three times slower on this machine, the wide union costing more than it saved.)
   */
  private static <T> List<T> collect(Dataset<Row> rows, Function<Row, T> mapper) {
    List<T> out = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      out.add(mapper.apply(r));
    }
    return out;
  }

  private static CustomerChange customer(Row r) {
    return new CustomerChange(
        r.getAs("customer_id"),
        r.getAs("email"),
        r.getAs("full_name"),
        r.getAs("country"),
        utc(r.getAs("created_at")),
        r.getAs("lsn"),
        r.getAs("is_deleted"),
        r.getAs("email_std"),
        r.getAs("phone_e164"),
        r.getAs("contact_standardized"));
  }

  private static ProductChange product(Row r) {
    return new ProductChange(
        r.getAs("product_id"),
        r.getAs("sku"),
        r.getAs("name"),
        r.getAs("category"),
        r.<BigDecimal>getAs("unit_price"),
        r.getAs("lsn"),
        r.getAs("is_deleted"));
  }

  private static OrderChange order(Row r) {
    return new OrderChange(
        r.getAs("order_id"),
        r.getAs("customer_id"),
        r.getAs("status"),
        utc(r.getAs("ordered_at")),
        r.getAs("date_key"),
        r.getAs("lsn"),
        r.getAs("is_deleted"));
  }

  private static OrderLineChange orderLine(Row r) {
    return new OrderLineChange(
        r.getAs("order_id"),
        r.getAs("line_no"),
        r.getAs("product_id"),
        r.getAs("quantity"),
        r.getAs("unit_price"),
        r.getAs("amount"),
        r.getAs("lsn"),
        r.getAs("is_deleted"));
  }

  private static DeadLetter deadLetter(Row r) {
    return new DeadLetter(
        r.getAs("topic"),
        r.getAs("partition"),
        r.getAs("offset"),
        r.getAs("error"),
        r.getAs("raw"));
  }

  private static OffsetDateTime utc(Timestamp t) {
    return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
  }
}
