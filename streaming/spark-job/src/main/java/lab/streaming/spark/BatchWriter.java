package lab.streaming.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lab.etl.ChangeStreamTransform;
import lab.warehouse.sink.BatchResult;
import lab.warehouse.sink.ChangeRow;
import lab.warehouse.sink.DeadLetter;
import lab.warehouse.sink.SourceOffset;
import lab.warehouse.sink.StagedFiles;
import lab.warehouse.sink.StarBatch;
import lab.warehouse.sink.StarSink;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreachBatch body: runs the pure transform on one micro-batch and hands the result to the
 * warehouse sink, which applies it exactly once. Runs on the driver. A streamed batch's change rows
 * are small enough to pass through the driver (they are bounded by maxOffsetsPerTrigger); a
 * backfill's large batches are staged as Parquet files instead.
 */
public final class BatchWriter {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final String pipelineId;
  private final StarSink sink;
  private final FxDrop fxDrop;
  private final Path stagingDir;

  /**
   * @param stagingDir where a batch is staged as files for the warehouse to bulk-load (the
   *     backfill's large batches), or null to collect each batch to the driver (the stream's small
   *     ones, where writing files would cost more than it saves)
   */
  BatchWriter(String pipelineId, StarSink sink, FxDrop fxDrop, Path stagingDir) {
    this.pipelineId = pipelineId;
    this.sink = sink;
    this.fxDrop = fxDrop;
    this.stagingDir = stagingDir;
  }

  /**
   * The transform as the driver runs it. One task per core rather than one per topic partition:
   * each task builds the transform's projection (a large expression, over a hundred columns across
   * sixteen tables) before its first row, and with a task per partition that cost, not the records,
   * set a small batch's time (measured: 2.5-3.5 s of Spark for 100 or for 6,000 records, sixteen
   * tasks). Applied to the stream itself, so that Spark analyses the plan once per query, not once
   * per micro-batch.
   */
  static Dataset<Row> transform(Dataset<Row> kafkaRecords) {
    int cores = kafkaRecords.sparkSession().sparkContext().defaultParallelism();
    return ChangeStreamTransform.transform(kafkaRecords.coalesce(cores));
  }

  /** Transforms a batch of Kafka records and writes it (a repair's re-read rows, a test). */
  void write(Dataset<Row> kafkaRecords, long batchId) throws SQLException {
    writeTransformed(transform(kafkaRecords), batchId);
  }

  /** Writes one micro-batch of the stream, already {@link #transform transformed}. */
  void writeTransformed(Dataset<Row> out, long batchId) throws SQLException {
    long started = System.nanoTime();
    // Every path consumes the batch, even a replay the ledger will skip: Spark 4.2's
    // stateful queries fail commit validation when foreachBatch leaves it unread. One Spark
    // job for every table of the batch: the transform's output is a single frame, and the
    // Kafka positions for the ledger are taken from it too (tombstones carry no change and
    // are not counted).
    Transformed t = stagingDir == null ? collect(out) : stageAsFiles(out, batchId);
    FxDrop.Rates fx = fxDrop.changedRates();
    StarBatch batch =
        new StarBatch(
            pipelineId,
            batchId,
            t.records(),
            t.offsets(),
            t.changes(),
            merge(t.deadLetters(), fx.badLines()),
            fx.rates());
    long transformed = System.nanoTime();
    BatchResult result = t.files() == null ? sink.apply(batch) : sink.apply(batch, t.files());
    if (t.files() != null) {
      deleteStaged(t.files().dir());
    }
    log.info(
        "batch {}: {} records, {} changes, {} duplicates, {} stale, {} dead letters{}{} in {} ms"
            + " (spark {} ms, duckdb {} ms)",
        batchId,
        t.records(),
        result.rowsStaged(),
        result.duplicates(),
        result.stale(),
        result.deadLetters(),
        fx.rates().isEmpty() ? "" : ", " + fx.rates().size() + " FX rates",
        result.alreadyApplied() ? " (already applied, skipped)" : "",
        (System.nanoTime() - started) / 1_000_000,
        (transformed - started) / 1_000_000,
        (System.nanoTime() - transformed) / 1_000_000);
  }

  /** A transformed batch: its rows in the driver's memory, or in staged files. */
  private record Transformed(
      long records,
      List<SourceOffset> offsets,
      List<ChangeRow> changes,
      List<DeadLetter> deadLetters,
      StagedFiles files) {}

  /** The stream's path: a small batch's rows are collected to the driver and appended. */
  private static Transformed collect(Dataset<Row> transformed) {
    List<ChangeRow> changes = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    Map<String, SourceOffset> offsets = new TreeMap<>();
    List<Row> out = transformed.collectAsList();
    for (Row r : out) {
      SourceOffset position =
          new SourceOffset(r.getAs("topic"), r.<Integer>getAs("partition"), r.getAs("offset"));
      offsets.merge(
          position.topic() + "/" + position.partition(),
          position,
          (a, b) -> a.offset() >= b.offset() ? a : b);
      if (r.isNullAt(r.fieldIndex("error"))) {
        changes.add(
            new ChangeRow(
                r.getAs("table"),
                r.<Long>getAs("lsn"),
                r.isNullAt(r.fieldIndex("source_ts_ms")) ? 0L : r.<Long>getAs("source_ts_ms"),
                r.<Boolean>getAs("is_deleted"),
                r.getAs("row")));
      } else {
        deadLetters.add(
            new DeadLetter(
                r.getAs("topic"),
                r.<Integer>getAs("partition"),
                r.<Long>getAs("offset"),
                r.getAs("error"),
                r.getAs("raw")));
      }
    }
    return new Transformed(out.size(), List.copyOf(offsets.values()), changes, deadLetters, null);
  }

  /**
   * The backfill's path: the executors write the batch as Parquet files, which the warehouse
   * bulk-loads; neither the driver's heap nor a row-at-a-time append bounds the batch's size. A
   * replayed batch overwrites the files an interrupted run left.
   */
  private Transformed stageAsFiles(Dataset<Row> transformed, long batchId) throws SQLException {
    StagedFiles files = writeStaged(transformed, stagingDir.resolve("batch-" + batchId));
    return new Transformed(files.records(), files.offsets(), List.of(), files.deadLetters(), files);
  }

  /**
   * Transforms Kafka records (rows of {@link ChangeStreamTransform#KAFKA_RECORD}) and writes them
   * as one batch's staged files in {@code dir}, the backfill's way, for {@link
   * StarSink#apply(StarBatch, StagedFiles)} to load: how the exercises turn their change log into a
   * warehouse's input without Kafka.
   */
  public static StagedFiles stage(Dataset<Row> kafkaRecords, Path dir) throws SQLException {
    return writeStaged(transform(kafkaRecords), dir);
  }

  private static StagedFiles writeStaged(Dataset<Row> transformed, Path dir) throws SQLException {
    transformed.write().mode(SaveMode.Overwrite).parquet(dir.toString());
    return StagedFiles.read(dir);
  }

  private static void deleteStaged(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // The next run overwrites the batch's directory; nothing of the warehouse depends on it.
      log.warn("could not delete the staged batch {}: {}", dir, e.getMessage());
    }
  }

  private static List<DeadLetter> merge(List<DeadLetter> a, List<DeadLetter> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<DeadLetter> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
