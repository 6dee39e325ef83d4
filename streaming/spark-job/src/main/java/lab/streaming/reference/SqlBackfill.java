package lab.streaming.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.etl.fx.FxRates;
import lab.warehouse.sink.BatchResult;
import lab.warehouse.sink.DeadLetter;
import lab.warehouse.sink.FxRate;
import lab.warehouse.sink.SourceOffset;
import lab.warehouse.sink.StarBatch;
import lab.warehouse.sink.StarSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The backfill's reference implementation, kept for the benchmark: the same input (every record of
 * the change topics, from the earliest offset) and the same output (a warehouse), with the Spark
 * transform replaced by the same rules written as DuckDB SQL ({@link SqlTransform}). Two timed
 * phases: read the topics and transform them with SQL a chunk of records at a time into a scratch
 * DuckDB file of change rows; then apply those with the stream's own sink ({@link
 * StarSink#applyStaged}: merge, star, ledger, one transaction per batch, batches cut as Spark's
 * Kafka source cuts them).
 *
 * <p>{@code lab etl --backfill --sql-reference} runs it after the Spark backfill, checks that both
 * built the same warehouse and prints the ratio of their times.
 */
@Command(
    name = "sql-backfill",
    mixinStandardHelpOptions = true,
    description =
        "Rebuilds the warehouse from the change topics with the transform written as DuckDB SQL"
            + " (the Spark backfill's reference for the benchmark).")
public final class SqlBackfill implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(SqlBackfill.class);

  static final String PIPELINE_ID = "sql-reference";

  /** Raw records held in memory before the SQL transform runs over them. */
  private static final long CHUNK_RECORDS = 200_000;

  private long transformNanos;

  @Option(names = "--kafka-bootstrap", required = true, description = "Kafka host:port")
  String kafkaBootstrap;

  @Option(
      names = "--topic-pattern",
      defaultValue = "shop\\.public\\..+",
      description = "Regex of the change topics (default: ${DEFAULT-VALUE})")
  String topicPattern;

  @Option(names = "--warehouse", required = true, description = "DuckDB file to build")
  Path warehouse;

  @Option(
      names = "--scratch",
      required = true,
      description = "DuckDB file for the raw records and the transform's output (deleted after)")
  Path scratch;

  @Option(
      names = "--fx-dir",
      description = "Directory of FX rate CSV files, the second source (default: none)")
  Path fxDir;

  @Option(
      names = "--batch-records",
      defaultValue = "200000",
      description =
          "Records per warehouse transaction, as the Spark backfill's maxOffsetsPerTrigger"
              + " (default: ${DEFAULT-VALUE}; 0: all in one)")
  long batchRecords;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SqlBackfill()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (batchRecords < 0) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--batch-records must be >= 0, got " + batchRecords);
    }
    Files.deleteIfExists(scratch);
    Files.deleteIfExists(scratch.resolveSibling(scratch.getFileName() + ".wal"));
    long t0 = System.nanoTime();
    long records;
    List<Batch> batches;
    List<FxRate> rates = new ArrayList<>();
    List<DeadLetter> badFxLines = new ArrayList<>();
    try (DuckDBConnection c = open(scratch)) {
      run(c, SqlTransform.setup());
      records = readAndTransform(c);
      long read = System.nanoTime();
      readFx(c, rates, badFxLines);
      batches = plan(c, records);
      log.info(
          "phase read and transform: {} records read from Kafka, parsed, typed and standardized"
              + " with SQL into {} in {} ms (of which {} ms SQL), then cut into {} batches in {}"
              + " ms",
          records,
          scratch,
          (read - t0) / 1_000_000,
          transformNanos / 1_000_000,
          batches.size(),
          (System.nanoTime() - read) / 1_000_000);
    }
    long transformed = System.nanoTime();
    try (StarSink sink = StarSink.open(warehouse)) {
      long first = sink.nextBatchId(PIPELINE_ID);
      for (Batch b : batches) {
        boolean isFirst = b == batches.get(0);
        List<DeadLetter> dead = new ArrayList<>(b.deadLetters());
        if (isFirst) {
          dead.addAll(badFxLines);
        }
        StarBatch batch =
            new StarBatch(
                PIPELINE_ID,
                first + b.index(),
                b.events(),
                b.offsets(),
                List.of(),
                dead,
                isFirst ? rates : List.of());
        long started = System.nanoTime();
        BatchResult result = sink.applyStaged(batch, connection -> stage(connection, b));
        log.info(
            "batch {}: {} records, {} changes, {} duplicates, {} stale, {} dead letters in {} ms",
            batch.batchId(),
            b.events(),
            result.rowsStaged(),
            result.duplicates(),
            result.stale(),
            result.deadLetters(),
            (System.nanoTime() - started) / 1_000_000);
      }
    }
    long applied = System.nanoTime();
    log.info(
        "phase apply: {} batches merged into {} in {} ms",
        batches.size(),
        warehouse,
        (applied - transformed) / 1_000_000);
    Files.deleteIfExists(scratch);
    log.info("sql reference done: {} records in {} ms", records, (applied - t0) / 1_000_000);
    return 0;
  }

  private static DuckDBConnection open(Path file) throws SQLException {
    DuckDBConnection c =
        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    try {
      prepare(c);
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /** The scratch session: UTC, as the warehouse, and the empty raw_record table. */
  static void prepare(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute(SqlTransform.RAW_TABLE);
    }
  }

  /** raw_record to ref_change: the SQL transform, for a session with one chunk of records. */
  static void transform(Connection c) throws SQLException {
    run(c, SqlTransform.setup());
    run(c, SqlTransform.chunk());
  }

  private static void run(Connection c, List<String> statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        try {
          s.execute(sql);
        } catch (SQLException e) {
          throw new SQLException(
              e.getMessage() + "\n  in: " + sql.strip().lines().findFirst().orElse(""), e);
        }
      }
    }
  }

  /**
   * Every record with a value, from the earliest offset to the end offset each partition has now,
   * transformed a chunk at a time: the raw records never go to disk, only the change rows.
   */
  private long readAndTransform(DuckDBConnection c) throws SQLException {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 << 20));
    Pattern topics = Pattern.compile(topicPattern);
    long seq = 0;
    long tombstones = 0;
    DuckDBAppender a = null;
    long inChunk = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (Map.Entry<String, List<PartitionInfo>> t :
          consumer.listTopics(Duration.ofSeconds(30)).entrySet()) {
        if (topics.matcher(t.getKey()).matches()) {
          t.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
      }
      if (partitions.isEmpty()) {
        throw new IllegalStateException(
            "no topic matches " + topicPattern + " at " + kafkaBootstrap + "; nothing to backfill");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long last = System.nanoTime();
      while (!caughtUp(consumer, end)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
            continue;
          }
          if (r.value() == null) {
            tombstones++;
            continue;
          }
          if (a == null) {
            a = c.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "raw_record");
          }
          a.beginRow().append(seq++).append(r.topic()).append(r.partition()).append(r.offset());
          a.append(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)).endRow();
          inChunk++;
        }
        if (inChunk >= CHUNK_RECORDS) {
          a.close();
          a = null;
          transformChunk(c);
          inChunk = 0;
        }
        if (System.nanoTime() - last > 10_000_000_000L) {
          log.info("read and transformed {} records so far", seq);
          last = System.nanoTime();
        }
      }
      if (a != null) {
        a.close();
        a = null;
        transformChunk(c);
      }
    } finally {
      if (a != null) {
        a.close();
      }
    }
    log.info("read {} records with a value ({} tombstones skipped)", seq, tombstones);
    return seq;
  }

  /** The chunk in raw_record through the SQL transform into ref_change; then raw_record empties. */
  private void transformChunk(Connection c) throws SQLException {
    long t0 = System.nanoTime();
    run(c, SqlTransform.chunk());
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM raw_record");
    }
    transformNanos += System.nanoTime() - t0;
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The FX file drop, parsed with SQL by FxRates' rules; bad lines become dead letters. */
  private void readFx(Connection c, List<FxRate> rates, List<DeadLetter> bad)
      throws SQLException, IOException {
    if (fxDir == null || !Files.isDirectory(fxDir)) {
      log.warn("no FX drop at {}: amounts in other currencies get no reporting value", fxDir);
      return;
    }
    try (Stream<Path> files = Files.list(fxDir)) {
      if (files.noneMatch(p -> p.toString().endsWith(".csv"))) {
        log.warn("no FX rate files in {}", fxDir);
        return;
      }
    }
    String sql =
        """
        WITH files AS (
          SELECT parse_filename(filename) AS file,
                 string_split(replace(content, chr(13), ''), chr(10)) AS lines
          FROM read_text(?)),
        numbered AS (
          SELECT file, unnest(range(1, len(lines) + 1)) AS line_no, unnest(lines) AS line
          FROM files),
        parsed AS (
          SELECT file, line_no, line, string_split(line, ',') AS fields,
                 CAST(try_strptime(trim(fields[1]), '%Y-%m-%d') AS DATE) AS rate_date,
                 std_currency(fields[2]) AS currency,
                 TRY_CAST(trim(fields[3]) AS DECIMAL(18,8)) AS units_per_eur
          FROM numbered WHERE trim(line) <> '' AND trim(line) <> ?)
        SELECT file, line_no, line, currency, rate_date, units_per_eur,
               CASE
                 WHEN len(fields) <> 3 THEN 'expected 3 fields: ' || ?
                 WHEN rate_date IS NULL THEN 'date is not yyyy-MM-dd'
                 WHEN currency IS NULL THEN 'currency is not an ISO 4217 code the shop uses'
                 WHEN units_per_eur IS NULL OR units_per_eur <= 0
                   THEN 'rate is not a positive number'
               END AS error
        FROM parsed ORDER BY file, line_no
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, fxDir.toAbsolutePath().resolve("*.csv").toString());
      ps.setString(2, FxRates.HEADER);
      ps.setString(3, FxRates.HEADER);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String file = rs.getString("file");
          String error = rs.getString("error");
          if (error == null) {
            rates.add(
                new FxRate(
                    rs.getString("currency"),
                    rs.getObject("rate_date", java.time.LocalDate.class),
                    rs.getBigDecimal("units_per_eur"),
                    file));
          } else {
            bad.add(
                new DeadLetter("file:" + file, 0, rs.getLong("line_no"), error, rs.getString(3)));
          }
        }
      }
    }
    log.info("read {} FX rates from {} ({} bad lines)", rates.size(), fxDir, bad.size());
  }

  /** One warehouse transaction's share of the records. */
  record Batch(int index, long events, List<SourceOffset> offsets, List<DeadLetter> deadLetters) {}

  /**
   * Cuts the transformed records into batches as Spark's Kafka source does with a limit per
   * trigger: every batch takes each partition's next records in proportion to the partition's size,
   * so a batch touches the tables in the proportions the stream does. Returns each batch with its
   * last offsets and its dead letters.
   */
  private List<Batch> plan(Connection c, long records) throws SQLException {
    long size = batchRecords == 0 ? Math.max(records, 1) : batchRecords;
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            CREATE TABLE ref_batch AS
            SELECT *, CAST(floor((row_number() OVER (p ORDER BY "offset") - 1) * ?::DOUBLE
                                 / (count(*) OVER p * ?::DOUBLE)) AS INTEGER) AS batch
            FROM ref_change
            WINDOW p AS (PARTITION BY topic, "partition")
            ORDER BY batch, seq
            """)) {
      ps.setLong(1, records);
      ps.setLong(2, size);
      ps.execute();
    }
    Map<Integer, Long> events = new java.util.TreeMap<>();
    Map<Integer, List<SourceOffset>> offsets = new java.util.HashMap<>();
    Map<Integer, List<DeadLetter>> dead = new java.util.HashMap<>();
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE ref_change");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT batch, topic, \"partition\", max(\"offset\"), count(*) FROM ref_batch"
                  + " GROUP BY ALL ORDER BY ALL")) {
        while (rs.next()) {
          events.merge(rs.getInt(1), rs.getLong(5), Long::sum);
          offsets
              .computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
              .add(new SourceOffset(rs.getString(2), rs.getInt(3), rs.getLong(4)));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT batch, topic, \"partition\", \"offset\", error, raw FROM ref_batch"
                  + " WHERE error IS NOT NULL ORDER BY seq")) {
        while (rs.next()) {
          dead.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
              .add(
                  new DeadLetter(
                      rs.getString(2),
                      rs.getInt(3),
                      rs.getLong(4),
                      rs.getString(5),
                      rs.getString(6)));
        }
      }
    }
    if (events.isEmpty()) {
      events.put(0, 0L);
    }
    List<Batch> out = new ArrayList<>();
    events.forEach(
        (i, n) ->
            out.add(
                new Batch(
                    i, n, offsets.getOrDefault(i, List.of()), dead.getOrDefault(i, List.of()))));
    return out;
  }

  /** The batch's good change rows, from the scratch file into the sink's staging table. */
  private long stage(Connection sinkConnection, Batch b) throws SQLException {
    try (Statement s = sinkConnection.createStatement()) {
      s.execute(
          "ATTACH IF NOT EXISTS '"
              + scratch.toAbsolutePath().toString().replace("'", "''")
              + "' AS ref (READ_ONLY)");
    }
    try (PreparedStatement ps =
        sinkConnection.prepareStatement(
            "INSERT INTO stage_change SELECT tbl, lsn, coalesce(source_ts_ms, 0), is_deleted,"
                + " image FROM ref.ref_batch WHERE error IS NULL AND batch = ?")) {
      ps.setInt(1, b.index());
      return ps.executeUpdate();
    }
  }
}
