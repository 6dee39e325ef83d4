package lab.exercise.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import lab.etl.ChangeStreamTransform;
import lab.etl.EtlSparkConfig;
import lab.shop.gen.FxRateFile;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopRows;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.streaming.spark.BatchWriter;
import lab.streaming.spark.FxDrop;
import lab.warehouse.sink.FxRate;
import lab.warehouse.sink.StagedFiles;
import lab.warehouse.sink.StarBatch;
import lab.warehouse.sink.StarSink;
import lab.warehouse.star.StarSteps;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The course's data, the same for every student: the shop seeded with seed 42 at the demo scale
 * (1,000 customers, 10,000 orders, the realistic profile with its messy rows), captured as the
 * initial snapshot ({@link SnapshotCapture}), transformed by the Spark job's own transform and
 * staged as the backfill stages a batch, plus the FX file drop read as the ETL reads it. Built once
 * (about a minute, mostly Spark) into a folder and reused by every check; the reference warehouse
 * is built from it with the lab's own star steps.
 */
public final class CourseData {

  public static final long SEED = 42;
  public static final ShopSize SIZE = ShopSize.DEFAULT;

  /** Raise when what is built here changes shape, so old folders are built again. */
  static final int VERSION = 9;

  /** How the course's changes reach the warehouse. */
  public enum Delivery {
    /** Every change in one batch. */
    ONE_BATCH,
    /**
     * Two batches: every table but the CRM's imports first, then the imports, so loyalty cards on
     * orders arrive before their members (the late-arriving dimension of lab 7).
     */
    CRM_LATE,
    /**
     * {@value #CUTS_BATCHES} batches, each topic cut at seeded random offsets (order kept within
     * each topic, as Kafka keeps it per partition; topics interleaved): a stricter check that a
     * step rebuilds from the change layer, not from its batch, and so builds the same star.
     */
    CUTS,
    /**
     * At least once, as Kafka delivers after crashes: three batches. The first holds each topic up
     * to its first streamed change; the second reads every topic again from its start (the consumer
     * lost its committed offsets), each streamed change in it twice (a producer's retry after a
     * lost acknowledgement); the third delivers the first again, so older changes arrive after
     * newer ones. Only the capture's records come again, not the delivery's faults.
     */
    REDELIVERED;

    /** The name the course file uses, e.g. {@code crm-late}. */
    public static Delivery named(String name) {
      for (Delivery d : values()) {
        if (d.name().replace('_', '-').equalsIgnoreCase(name)) {
          return d;
        }
      }
      throw new IllegalArgumentException(
          "unknown delivery '" + name + "' (known: one-batch, crm-late, cuts, redelivered)");
    }
  }

  /** How many batches {@link Delivery#CUTS} delivers. */
  static final int CUTS_BATCHES = 4;

  /** The table whose changes {@link Delivery#CRM_LATE} holds back to a second batch. */
  static final String LATE_TABLE = "crm_customer_imports";

  private static final String READY = "READY";

  /** How many Spark jobs the pipeline's own staging of the change log ran. */
  private static final String REFERENCE_JOBS = "reference-spark-jobs.txt";

  private final Path dir;
  private final List<FxRate> fxRates;

  private CourseData(Path dir, List<FxRate> fxRates) {
    this.dir = dir;
    this.fxRates = fxRates;
  }

  /** The folder this data lives in under {@code dataRoot}. */
  public static Path folder(Path dataRoot) {
    return dataRoot.resolve("seed-" + SEED + "-demo-v" + VERSION);
  }

  /**
   * The data in {@code dataRoot}, built first if it is not there yet. Two programs that need it at
   * once (a check beside a {@code --watch}) build it once: the second waits on a file lock.
   */
  public static CourseData prepare(Path dataRoot, Consumer<String> progress) {
    Path dir = folder(dataRoot);
    if (!Files.exists(dir.resolve(READY))) {
      try {
        Files.createDirectories(dataRoot);
        try (FileChannel lock =
                FileChannel.open(
                    dataRoot.resolve(".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock held = lock.lock()) {
          if (!Files.exists(dir.resolve(READY))) {
            build(dir, progress);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot build the course's data in " + dataRoot, e);
      }
    }
    return new CourseData(dir, readRates(dir.resolve("fx-rates.csv")));
  }

  /** The transformed changes, staged as one batch's files. */
  public Path staged() {
    return dir.resolve("changes");
  }

  /** The warehouse the lab's own star steps build from this data. */
  public Path reference() {
    return reference(Delivery.ONE_BATCH);
  }

  /** The warehouse the lab's own star steps build from this data delivered so. */
  public Path reference(Delivery delivery) {
    return dir.resolve(
        delivery == Delivery.ONE_BATCH
            ? "reference.duckdb"
            : "reference-" + delivery.name().toLowerCase(Locale.ROOT) + ".duckdb");
  }

  /** Where a two-batch build keeps a copy of {@code warehouse} as the first batch left it. */
  public static Path early(Path warehouse) {
    return warehouse.resolveSibling(
        warehouse.getFileName().toString().replaceFirst("\\.duckdb$", "") + ".early.duckdb");
  }

  /** The raw change records (one JSON object per line: topic, offset, key, value). */
  public Path changeLog() {
    return dir.resolve("change-log.jsonl");
  }

  /**
   * Loads a change log ({@code records}: one JSON object a line with topic, partition, offset, key
   * and value, as {@link #changeLog()} holds the course's) into {@code table} as the capture's
   * topics hold it: a record a row, key and value as JSON (a tombstone's value NULL), in topic,
   * partition and offset order; what lab 1's answers read.
   */
  public static void loadTopicRecords(Statement s, String table, Path records) throws SQLException {
    s.execute(
        "CREATE TABLE "
            + table
            + " AS SELECT topic, CAST(coalesce(\"partition\", 0) AS INTEGER) AS \"partition\","
            + " \"offset\", CAST(key AS JSON) AS key, CAST(value AS JSON) AS value FROM read_json('"
            + records.toAbsolutePath().toString().replace("'", "''")
            + "', format = 'newline_delimited', columns = {'topic': 'VARCHAR',"
            + " 'partition': 'INTEGER', 'offset': 'BIGINT', 'key': 'VARCHAR', 'value': 'VARCHAR'})"
            + " ORDER BY topic, \"partition\", \"offset\"");
  }

  /**
   * How many Spark jobs the Spark job's own staging ran on the change log: what a student's
   * transform is held to.
   */
  public int referenceSparkJobs() {
    try {
      return Integer.parseInt(Files.readString(dir.resolve(REFERENCE_JOBS)).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(REFERENCE_JOBS), e);
    }
  }

  /**
   * The change log's records as Kafka's source gives them ({@code KAFKA_RECORD} rows), with the
   * delivery's faults after them.
   */
  public Dataset<Row> kafkaRecords(SparkSession spark) {
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(changeLog(), StandardCharsets.UTF_8)) {
      List<SnapshotCapture.Record> records = new ArrayList<>();
      for (String line : (Iterable<String>) lines::iterator) {
        records.add(json.readValue(line, SnapshotCapture.Record.class));
      }
      return kafkaRecords(spark, records);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + changeLog(), e);
    }
  }

  /** The capture's records and the delivery's faults after them ({@link DeliveryFaults}). */
  private static Dataset<Row> kafkaRecords(
      SparkSession spark, List<SnapshotCapture.Record> records) {
    List<Row> rows =
        Stream.concat(records.stream(), DeliveryFaults.after(records).stream())
            .map(
                r ->
                    RowFactory.create(
                        r.topic(),
                        0,
                        r.offset(),
                        r.key().getBytes(StandardCharsets.UTF_8),
                        r.value() == null ? null : r.value().getBytes(StandardCharsets.UTF_8)))
            .toList();
    return spark.createDataFrame(rows, ChangeStreamTransform.KAFKA_RECORD);
  }

  /**
   * The course's local Spark (two cores), started on first use and kept for the JVM's life: a
   * {@code check --watch} pays Spark's start once, not at every save.
   */
  public static synchronized SparkSession spark() {
    return EtlSparkConfig.applyTo(SparkSession.builder().master("local[2]").appName("lab-course"))
        .getOrCreate();
  }

  /** The seeder's CSV files, one a table. */
  public Path shopCsv() {
    return dir.resolve("shop");
  }

  /**
   * Builds a warehouse in {@code file} (replacing it) from this data with the steps given: the
   * production sink's one transaction (merge, star steps, ledger).
   */
  public void buildWarehouse(Path file, StarSteps steps) throws SQLException {
    buildWarehouse(file, steps, Delivery.ONE_BATCH);
  }

  /**
   * As {@link #buildWarehouse(Path, StarSteps)}, the changes delivered as {@code delivery} says; a
   * two-batch build leaves a copy of the warehouse after its first batch in {@link #early}.
   */
  public void buildWarehouse(Path file, StarSteps steps, Delivery delivery) throws SQLException {
    deleteWarehouse(file);
    List<Path> batches = batches(delivery);
    for (int batch = 0; batch < batches.size(); batch++) {
      applyBatch(file, steps, batch, batches.get(batch), batch == 0 ? fxRates : List.of());
      if (batch == 0 && delivery == Delivery.CRM_LATE) {
        Path early = early(file);
        deleteWarehouse(early);
        try {
          Files.copy(file, early);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot copy " + file + " to " + early, e);
        }
      }
    }
  }

  /**
   * Builds a warehouse in {@code file} (replacing it) from changes staged in {@code stagedDir} (a
   * student's transform's output) in one batch, with this data's FX rates and the steps given.
   */
  public void buildWarehouse(Path file, StarSteps steps, Path stagedDir) throws SQLException {
    deleteWarehouse(file);
    applyBatch(file, steps, 0, stagedDir, fxRates);
  }

  /** The staged folders a delivery applies, one a batch, in order. */
  private List<Path> batches(Delivery delivery) {
    return switch (delivery) {
      case ONE_BATCH -> List.of(staged());
      case CRM_LATE -> List.of(dir.resolve("changes-early"), dir.resolve("changes-late"));
      case CUTS ->
          IntStream.range(0, CUTS_BATCHES).mapToObj(b -> dir.resolve("changes-cut-" + b)).toList();
      case REDELIVERED ->
          IntStream.range(0, 3).mapToObj(b -> dir.resolve("changes-redelivered-" + b)).toList();
    };
  }

  /** One batch in one transaction of the production sink; closing it checkpoints the file. */
  private static void applyBatch(
      Path file, StarSteps steps, long batchId, Path stagedDir, List<FxRate> rates)
      throws SQLException {
    StagedFiles files = StagedFiles.read(stagedDir);
    try (StarSink sink = StarSink.open(file, steps)) {
      sink.apply(
          new StarBatch(
              "exercise",
              batchId,
              files.records(),
              files.offsets(),
              List.of(),
              files.deadLetters(),
              rates),
          files);
    }
  }

  /** Deletes a warehouse file and its write-ahead log, if they exist. */
  public static void deleteWarehouse(Path file) {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }

  private static void build(Path dir, Consumer<String> progress) {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".building");
    try {
      deleteTree(tmp);
      Files.createDirectories(tmp);
      progress.accept(
          "building the course's data once (seed "
              + SEED
              + ", "
              + SIZE.orders()
              + " orders): seeding the shop ...");
      Map<String, List<SnapshotCapture.Record>> topics =
          capture(tmp.resolve("shop"), SIZE, SEED, tmp.resolve("change-log.jsonl"));
      Path fxDir = Files.createDirectories(tmp.resolve("fx"));
      FxRateFile.write(fxDir, SEED);
      progress.accept("transforming the captured changes with the Spark job's transform ...");
      SparkSession spark = spark();
      Dataset<Row> records =
          kafkaRecords(spark, topics.values().stream().flatMap(List::stream).toList());
      Path changes = tmp.resolve("changes");
      int jobs;
      try {
        jobs = SparkJobs.during(spark, () -> BatchWriter.stage(records, changes)).jobs();
      } catch (SQLException | IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("cannot stage the course's changes: " + e.getMessage(), e);
      }
      Files.writeString(tmp.resolve(REFERENCE_JOBS), jobs + "\n");
      writeRates(FxDrop.ratesIn(spark, fxDir), tmp.resolve("fx-rates.csv"));
      splitBatches(tmp);
      progress.accept("building the reference warehouses with the lab's own star steps ...");
      CourseData data = new CourseData(tmp, readRates(tmp.resolve("fx-rates.csv")));
      for (Delivery delivery : Delivery.values()) {
        data.buildWarehouse(data.reference(delivery), StarSteps.defaults(), delivery);
      }
      Files.writeString(tmp.resolve(READY), "seed " + SEED + ", " + SIZE + "\n");
      deleteTree(dir);
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the course's data in " + tmp, e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot build the course's data: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the change log of the shop seeded with {@code seed} at {@code size} to {@code file}, one
   * JSON object a record (topic, offset, key, value), without a database: the snapshot the lab's
   * capture would take of that shop. Returns the number of records.
   */
  public static long writeChangeLog(ShopSize size, long seed, Path file) throws SQLException {
    Path csv;
    try {
      csv = Files.createTempDirectory("lab-shop-csv");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
    try {
      return capture(csv, size, seed, file).values().stream().mapToLong(List::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      try {
        deleteTree(csv);
      } catch (IOException e) {
        // a temporary folder left behind holds nothing anyone reads
      }
    }
  }

  /**
   * The staged changes cut into the batches of the deliveries that have several: {@link
   * Delivery#CRM_LATE} holds back the CRM's imports; {@link Delivery#CUTS} cuts each topic at its
   * own seeded random offsets. Each batch is the staged rows a condition selects, in one file.
   */
  private static void splitBatches(Path dir) throws SQLException, IOException {
    String all = "read_parquet('" + dir.resolve("changes").toAbsolutePath() + "/*.parquet')";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      writeBatch(
          s, all, "\"table\" IS DISTINCT FROM '" + LATE_TABLE + "'", dir.resolve("changes-early"));
      writeBatch(s, all, "\"table\" = '" + LATE_TABLE + "'", dir.resolve("changes-late"));
      String batchOf = cutBatchOf(s, all);
      for (int batch = 0; batch < CUTS_BATCHES; batch++) {
        writeBatch(s, all, batchOf + " = " + batch, dir.resolve("changes-cut-" + batch));
      }
      redeliveries(s, all, dir);
    }
  }

  /** {@link Delivery#REDELIVERED}'s three batches, each the staged rows its condition selects. */
  private static void redeliveries(Statement s, String all, Path dir)
      throws SQLException, IOException {
    // per topic, the offset of its first streamed change (after the snapshot's reads)
    s.execute(
        "CREATE TEMP TABLE t_streamed AS SELECT topic, coalesce(min(\"offset\") FILTER (WHERE lsn > "
            + SnapshotCapture.SNAPSHOT_LSN
            + "), max(\"offset\") + 1) AS streamed FROM "
            + all
            + " GROUP BY topic");
    String streamed = "(SELECT streamed FROM t_streamed t WHERE t.topic = s.topic)";
    String first = "\"offset\" <= " + streamed;
    String capture = "error IS NULL";
    writeBatch(s, all, first, dir.resolve("changes-redelivered-0"));
    writeBatch(
        s,
        "(SELECT * FROM "
            + all
            + " s WHERE NOT ("
            + first
            + ") OR "
            + capture
            + " UNION ALL SELECT * FROM "
            + all
            + " s WHERE \"offset\" > "
            + streamed
            + " AND "
            + capture
            + ")",
        "true",
        dir.resolve("changes-redelivered-1"));
    writeBatch(s, all, first + " AND " + capture, dir.resolve("changes-redelivered-2"));
  }

  /** A SQL expression giving each staged row its batch of {@link Delivery#CUTS}. */
  private static String cutBatchOf(Statement s, String all) throws SQLException {
    Random random = new Random(SEED);
    StringBuilder batchOf = new StringBuilder("CASE topic");
    try (ResultSet rs =
        s.executeQuery(
            "SELECT topic, max(\"offset\") + 1 FROM " + all + " GROUP BY topic ORDER BY topic")) {
      while (rs.next()) {
        long[] cuts = new long[CUTS_BATCHES - 1];
        for (int i = 0; i < cuts.length; i++) {
          cuts[i] = (long) (random.nextDouble() * rs.getLong(2));
        }
        Arrays.sort(cuts);
        batchOf.append(" WHEN '").append(rs.getString(1).replace("'", "''")).append("' THEN 0");
        for (long cut : cuts) {
          batchOf.append(" + CAST(\"offset\" >= ").append(cut).append(" AS INTEGER)");
        }
      }
    }
    return batchOf.append(" ELSE 0 END").toString();
  }

  /**
   * One batch's file: the staged rows of {@code from} (aliased {@code s}) that {@code where}
   * selects, in topic and offset order, as Kafka hands each topic's records over.
   */
  private static void writeBatch(Statement s, String from, String where, Path out)
      throws SQLException, IOException {
    Files.createDirectories(out);
    s.execute(
        "COPY (SELECT * FROM "
            + from
            + " s WHERE "
            + where
            + " ORDER BY topic, \"offset\") TO '"
            + out.resolve("part-0.parquet")
            + "' (FORMAT parquet)");
  }

  /**
   * The seeded shop written to {@code csvDir} as the seeder's COPY input, read as the capture's
   * snapshot (one topic a table) and written to {@code changeLog}.
   */
  private static Map<String, List<SnapshotCapture.Record>> capture(
      Path csvDir, ShopSize size, long seed, Path changeLog) throws SQLException, IOException {
    new ShopSeeder().writeCsv(csvDir, size, seed, ShopProfile.REALISTIC);
    Map<String, List<SnapshotCapture.Record>> topics =
        SnapshotCapture.read(csvDir, "shop", ShopRows.END.toInstant().toEpochMilli());
    writeChangeLog(topics, changeLog);
    return topics;
  }

  private static void writeChangeLog(Map<String, List<SnapshotCapture.Record>> topics, Path file)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (List<SnapshotCapture.Record> records : topics.values()) {
        for (SnapshotCapture.Record r : records) {
          out.write(json.writeValueAsString(r));
          out.write('\n');
        }
      }
    }
  }

  private static void writeRates(List<FxRate> rates, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (FxRate r : rates) {
      lines.add(
          r.currency()
              + ","
              + r.date()
              + ","
              + r.unitsPerEur().toPlainString()
              + ","
              + r.sourceFile());
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static List<FxRate> readRates(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines
          .map(l -> l.split(",", 4))
          .map(f -> new FxRate(f[0], LocalDate.parse(f[1]), new BigDecimal(f[2]), f[3]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
