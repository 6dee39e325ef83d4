package lab.warehouse.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import lab.warehouse.schema.StarSchema;
import lab.warehouse.star.StarSteps;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies micro-batches to the DuckDB warehouse, exactly once: each batch is one transaction that
 * checks the ledger, stages the changes with DuckDB's Appender, merges them into the change layer
 * guarded by source position ({@link ChangeMerge}), rebuilds what they touched in the star with the
 * star's rules ({@link StarSteps}), and writes the ledger and the Kafka offsets before it commits.
 *
 * <p>DuckDB lets one process open the file for writing and locks out every other reader, so the
 * sink also publishes a read-only copy ({@link #publishSnapshot}) for the lab's other tools.
 *
 * <p>The sink checkpoints itself instead of leaving it to DuckDB: after a commit that left more
 * than {@code -Dlab.warehouse.checkpoint-mb} (default 16, DuckDB's own default) in the WAL, and
 * before each snapshot. Between checkpoints DuckDB writes a commit to the WAL and, for large
 * inserts, into blocks of the file that the last checkpoint does not use; only a checkpoint
 * rewrites what a reader of the file would read. So the snapshot's copy of the file can run while
 * the next batches commit, as long as no checkpoint runs during the copy ({@code fileLock}).
 */
public final class StarSink implements AutoCloseable {

  static final String MEMORY_PROPERTY = "lab.warehouse.memory-mb";
  static final String CHECKPOINT_PROPERTY = "lab.warehouse.checkpoint-mb";

  private static final Logger log = LoggerFactory.getLogger(StarSink.class);

  /** DuckDB's own checkpoint threshold: high enough that DuckDB never checkpoints by itself. */
  private static final String NO_AUTOMATIC_CHECKPOINT = "1000000GB";

  private static final long DEFAULT_CHECKPOINT_MB = 16;

  private final Path file;
  private final Path wal;
  private final DuckDBConnection connection;
  private final ChangeMerge merge;
  private final StarSteps steps;
  private final long checkpointBytes;

  /**
   * Held while the file is rewritten (a checkpoint, closing) and while a snapshot copies it. Taken
   * inside the sink's monitor or alone, never the other way round.
   */
  private final Object fileLock = new Object();

  /** How a snapshot copies the file: {@link Files#copy}, or a test's copy that pauses midway. */
  interface FileCopy {
    void copy(Path from, Path to) throws IOException;
  }

  private final FileCopy fileCopy;

  private StarSink(
      Path file,
      DuckDBConnection connection,
      ChangeMerge merge,
      StarSteps steps,
      long checkpointMb,
      FileCopy fileCopy) {
    this.file = file;
    this.wal = file.resolveSibling(file.getFileName() + ".wal");
    this.connection = connection;
    this.merge = merge;
    this.steps = steps;
    this.checkpointBytes = checkpointMb << 20;
    this.fileCopy = fileCopy;
  }

  /**
   * Opens (creating if needed) the warehouse file and its schema; it checkpoints when a commit
   * leaves more than {@code -Dlab.warehouse.checkpoint-mb} (default 16) in the WAL.
   */
  public static StarSink open(Path file) throws SQLException {
    return open(file, StarSteps.defaults());
  }

  /** As {@link #open(Path)}, building the star with the steps given (some replaced by name). */
  public static StarSink open(Path file, StarSteps steps) throws SQLException {
    Long configured = megabytes(CHECKPOINT_PROPERTY, 1);
    return open(
        file,
        steps,
        configured == null ? DEFAULT_CHECKPOINT_MB : configured,
        (from, to) -> Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING));
  }

  /** As {@link #open(Path)} with the checkpoint threshold given; 0 checkpoints every commit. */
  static StarSink open(Path file, long checkpointMb) throws SQLException {
    return open(
        file,
        StarSteps.defaults(),
        checkpointMb,
        (from, to) -> Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING));
  }

  /** As {@link #open(Path, long)}, with the snapshot's file copy given. */
  static StarSink open(Path file, long checkpointMb, FileCopy fileCopy) throws SQLException {
    return open(file, StarSteps.defaults(), checkpointMb, fileCopy);
  }

  private static StarSink open(Path file, StarSteps steps, long checkpointMb, FileCopy fileCopy)
      throws SQLException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new SQLException("cannot create the warehouse directory for " + file, e);
    }
    DuckDBConnection connection =
        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    try {
      StarSchema.create(connection);
      createSession(connection);
      ChangeMerge merge = ChangeMerge.fromCatalog(connection);
      connection.setAutoCommit(false);
      return new StarSink(file.toAbsolutePath(), connection, merge, steps, checkpointMb, fileCopy);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Writes a batch's changes into the session's {@code stage_change} table (tbl, lsn, source_ts_ms,
   * is_deleted, image) inside the batch's transaction, and returns how many it wrote.
   */
  @FunctionalInterface
  public interface Stager {
    long stage(Connection connection) throws SQLException;
  }

  /** Applies one batch in one transaction; a batch already in the ledger changes nothing. */
  public synchronized BatchResult apply(StarBatch batch) throws SQLException {
    return apply(
        batch,
        c -> {
          stageChanges(batch);
          return batch.changes().size();
        });
  }

  /**
   * Applies one batch whose changes the caller stages itself with SQL on this connection (the
   * benchmark's DuckDB-SQL reference transform), with everything else exactly as {@link
   * #apply(StarBatch)}: ledger check, FX rates, merge, star, dead letters, ledger, one commit. The
   * batch's own change list must be empty.
   */
  public synchronized BatchResult applyStaged(StarBatch batch, Stager stager) throws SQLException {
    if (!batch.changes().isEmpty()) {
      throw new IllegalArgumentException("a staged batch carries no change rows of its own");
    }
    return apply(batch, stager);
  }

  /**
   * Applies one batch whose changes the transform wrote as Parquet files (a backfill's large
   * batches): they are bulk-loaded into the staging table, everything else is as {@link
   * #apply(StarBatch)}. The batch's own change list must be empty.
   */
  public synchronized BatchResult apply(StarBatch batch, StagedFiles files) throws SQLException {
    if (!batch.changes().isEmpty()) {
      throw new IllegalArgumentException("a staged batch carries no change rows of its own");
    }
    return apply(batch, c -> files.stageInto(c, merge.sources()));
  }

  private BatchResult apply(StarBatch batch, Stager stager) throws SQLException {
    try {
      if (alreadyApplied(batch)) {
        connection.rollback();
        log.info(
            "batch {}/{} is in the ledger already; skipped", batch.pipelineId(), batch.batchId());
        return BatchResult.skipped();
      }
      long t0 = System.nanoTime();
      clearStaging();
      long rowsStaged = stager.stage(connection);
      stageFx(batch);
      long staged = System.nanoTime();
      StagedTables tables = stagedTables();
      long duplicates = scalar(DUPLICATES);
      long stale = scalar(merge.staleCount(tables.changed()));
      long counted = System.nanoTime();
      long merged;
      try (Statement s = connection.createStatement()) {
        for (String sql : merge.statements(tables.changed(), tables.deleted())) {
          timed(s, sql);
        }
        mergeFxRates(s, batch.fxRates());
        merged = System.nanoTime();
        steps.run(s);
      }
      long built = System.nanoTime();
      writeDeadLetters(batch.deadLetters());
      writeLedger(batch, duplicates, stale);
      writeFreshness(batch);
      long booked = System.nanoTime();
      connection.commit();
      long committed = System.nanoTime();
      checkpointIfDue();
      if (log.isDebugEnabled()) {
        long done = System.nanoTime();
        log.debug(
            "batch {}: stage {} ms, duplicate and stale counts {} ms, merge {} ms, star {} ms,"
                + " ledger {} ms, commit {} ms, checkpoint {} ms",
            batch.batchId(),
            (staged - t0) / 1_000_000,
            (counted - staged) / 1_000_000,
            (merged - counted) / 1_000_000,
            (built - merged) / 1_000_000,
            (booked - built) / 1_000_000,
            (committed - booked) / 1_000_000,
            (done - committed) / 1_000_000);
      }
      return new BatchResult(false, rowsStaged, duplicates, stale, batch.deadLetters().size());
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  /** Gaps nobody has closed yet that were detected at least {@code ageSeconds} ago. */
  public synchronized List<Gap> openGaps(long ageSeconds, int limit) throws SQLException {
    List<Gap> out = new java.util.ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT order_id, gap FROM etl_repair_log WHERE outcome IS NULL"
                + " AND detected_at <= now() - to_seconds(?) ORDER BY detected_at, order_id"
                + " LIMIT ?")) {
      ps.setLong(1, ageSeconds);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Gap(rs.getLong(1), rs.getString(2)));
        }
      }
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw e;
    }
    return out;
  }

  /** Closes gaps with an outcome, e.g. that the shop does not have the row either. */
  public synchronized void closeGaps(List<Gap> gaps, String outcome) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "UPDATE etl_repair_log SET outcome = ?, repaired_at = now()"
                + " WHERE order_id = ? AND gap = ? AND outcome IS NULL")) {
      for (Gap g : gaps) {
        ps.setString(1, outcome);
        ps.setLong(2, g.orderId());
        ps.setString(3, g.kind());
        ps.addBatch();
      }
      ps.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  /** The next batch id of a pipeline, for writers that are not driven by a Spark checkpoint. */
  public synchronized long nextBatchId(String pipelineId) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT coalesce(max(batch_id) + 1, 0) FROM etl_batch_ledger WHERE pipeline_id = ?")) {
      ps.setString(1, pipelineId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        connection.commit();
        return id;
      }
    }
  }

  /**
   * Writes a consistent read-only copy of the warehouse: checkpoint (so the file holds every
   * committed batch), copy beside the target, then rename over it atomically so a reader never sees
   * a half-written file. Only the checkpoint holds up batches; they commit while the file is copied
   * (see the class comment).
   *
   * @return the time the checkpoint and the copy took, without the wait for a batch in progress:
   *     what a publish costs, for a caller that paces them
   */
  public Duration publishSnapshot(Path target) throws SQLException {
    long t0;
    synchronized (this) {
      t0 = System.nanoTime();
      checkpoint();
    }
    long checkpointed = System.nanoTime();
    synchronized (fileLock) {
      try {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        fileCopy.copy(file, tmp);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new SQLException("cannot publish the warehouse snapshot to " + target, e);
      }
    }
    long copied = System.nanoTime();
    if (log.isDebugEnabled()) {
      log.debug(
          "snapshot published: checkpoint {} ms, copy of {} MB {} ms",
          (checkpointed - t0) / 1_000_000,
          target.toFile().length() >> 20,
          (copied - checkpointed) / 1_000_000);
    }
    return Duration.ofNanos(copied - t0);
  }

  @Override
  public synchronized void close() throws SQLException {
    synchronized (fileLock) {
      connection.close(); // DuckDB checkpoints on close
    }
  }

  /** A DuckDB setting of the sink's session, as DuckDB prints it. */
  synchronized String setting(String name) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting(?)")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String value = rs.getString(1);
        connection.commit();
        return value;
      }
    }
  }

  /** Moves the WAL into the file; a snapshot's copy waits for it and it waits for a copy. */
  private void checkpoint() throws SQLException {
    synchronized (fileLock) {
      try (Statement s = connection.createStatement()) {
        s.execute("CHECKPOINT");
      }
      connection.commit();
    }
  }

  private void checkpointIfDue() throws SQLException {
    long walBytes;
    try {
      walBytes = Files.exists(wal) ? Files.size(wal) : 0;
    } catch (IOException e) {
      throw new SQLException("cannot read the size of the warehouse's WAL " + wal, e);
    }
    if (walBytes > checkpointBytes || checkpointBytes == 0) {
      checkpoint();
    }
  }

  private boolean alreadyApplied(StarBatch batch) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT 1 FROM etl_batch_ledger WHERE pipeline_id = ? AND batch_id = ?")) {
      ps.setString(1, batch.pipelineId());
      ps.setLong(2, batch.batchId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void createSession(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // Calendar keys and day boundaries are UTC, whatever the machine's zone.
      s.execute("SET TimeZone = 'UTC'");
      // DuckDB takes 80 % of the machine's memory by default; here it shares the machine with
      // Spark, Kafka and PostgreSQL, and one large join (a bad plan once reached 14 GB) got the
      // whole ETL killed by the kernel. Past its limit DuckDB spills to disk instead.
      s.execute("SET memory_limit = '" + memoryLimitMb() + "MB'");
      // The sink checkpoints itself (checkpointIfDue, publishSnapshot): a checkpoint must never
      // run while a snapshot copies the file.
      s.execute("SET checkpoint_threshold = '" + NO_AUTOMATIC_CHECKPOINT + "'");
      s.execute(
          "CREATE TEMP TABLE stage_change (tbl VARCHAR, lsn BIGINT, source_ts_ms BIGINT,"
              + " is_deleted BOOLEAN, image VARCHAR)");
      s.execute(
          "CREATE TEMP TABLE stage_fx (currency_code VARCHAR, rate_date DATE,"
              + " units_per_eur DECIMAL(18,8), source_file VARCHAR)");
      s.execute("CREATE TEMP TABLE t_fx_changed (currency_code VARCHAR, rate_date DATE)");
      for (String macro : StarSteps.macros()) {
        s.execute(macro);
      }
    }
  }

  /**
   * The warehouse's memory: {@code -Dlab.warehouse.memory-mb=N}, else a quarter of the machine's
   * physical memory (at least 512 MB).
   */
  static long memoryLimitMb() {
    Long configured = megabytes(MEMORY_PROPERTY, 64);
    if (configured != null) {
      return configured;
    }
    long physical =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return Math.max(512, physical / 4 / (1024 * 1024));
  }

  /** A {@code -Dproperty=N} number of megabytes, at least {@code min}; null when not set. */
  static Long megabytes(String property, long min) {
    String configured = System.getProperty(property);
    if (configured == null) {
      return null;
    }
    try {
      long mb = Long.parseLong(configured.strip());
      if (mb >= min) {
        return mb;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D"
            + property
            + " must be a number of megabytes >= "
            + min
            + ", got '"
            + configured
            + "'");
  }

  private void clearStaging() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DELETE FROM stage_change");
      s.execute("DELETE FROM stage_fx");
      s.execute("DELETE FROM t_fx_changed");
    }
  }

  private void stageChanges(StarBatch batch) throws SQLException {
    Set<String> known = merge.sources();
    try (DuckDBAppender a = connection.createAppender("temp", "main", "stage_change")) {
      for (ChangeRow c : batch.changes()) {
        if (!known.contains(c.table())) {
          throw new SQLException(
              "the warehouse has no cur_"
                  + c.table()
                  + " table for changes of "
                  + c.table()
                  + "; add it to changes.sql");
        }
        a.beginRow().append(c.table()).append(c.lsn()).append(c.sourceTsMs());
        a.append(c.deleted()).append(c.image()).endRow();
      }
    }
  }

  private void stageFx(StarBatch batch) throws SQLException {
    try (DuckDBAppender a = connection.createAppender("temp", "main", "stage_fx")) {
      for (FxRate r : batch.fxRates()) {
        a.beginRow().append(r.currency()).append(r.date()).append(r.unitsPerEur());
        a.append(r.sourceFile()).endRow();
      }
    }
  }

  /**
   * The FX file drop replaces the rates it names; the days whose rate changed are remembered so the
   * star re-converts the orders from then on.
   */
  private static void mergeFxRates(Statement s, List<FxRate> rates) throws SQLException {
    if (rates.isEmpty()) {
      return;
    }
    s.execute(
        """
        INSERT INTO t_fx_changed
        SELECT n.currency_code, n.rate_date FROM stage_fx n
        LEFT JOIN fx_rate o USING (currency_code, rate_date)
        WHERE o.units_per_eur IS DISTINCT FROM n.units_per_eur
        """);
    s.execute("INSERT OR REPLACE INTO fx_rate SELECT * FROM stage_fx");
  }

  private long scalar(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void timed(Statement s, String sql) throws SQLException {
    long t0 = System.nanoTime();
    try {
      s.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(
          e.getMessage() + "\n  in: " + sql.strip().lines().findFirst().orElse(""), e);
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "{} ms: {}",
          (System.nanoTime() - t0) / 1_000_000,
          sql.strip().lines().findFirst().orElse(""));
    }
  }

  /** The shop tables a staged batch has changes of, and those of them it deletes rows of. */
  private record StagedTables(Set<String> changed, Set<String> deleted) {}

  private StagedTables stagedTables() throws SQLException {
    Set<String> changed = new java.util.HashSet<>();
    Set<String> deleted = new java.util.HashSet<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT tbl, bool_or(is_deleted) FROM stage_change GROUP BY tbl")) {
      while (rs.next()) {
        changed.add(rs.getString(1));
        if (rs.getBoolean(2)) {
          deleted.add(rs.getString(1));
        }
      }
    }
    return new StagedTables(changed, deleted);
  }

  /** Changes delivered more than once within the batch: same table, position, and image. */
  private static final String DUPLICATES =
      "SELECT count(*) - count(DISTINCT (tbl, lsn, is_deleted, image)) FROM stage_change";

  private void writeDeadLetters(List<DeadLetter> deadLetters) throws SQLException {
    if (deadLetters.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO dead_letter VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT DO NOTHING")) {
      for (DeadLetter d : deadLetters) {
        ps.setString(1, d.topic());
        ps.setInt(2, d.partition());
        ps.setLong(3, d.offset());
        ps.setString(4, d.reason());
        ps.setString(5, d.rawValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    log.warn("{} record(s) sent to dead_letter", deadLetters.size());
  }

  /**
   * Each change's lag from its commit in the shop to now, the end of the batch's work (only the
   * commit is left), bucketed. Rows a repair re-read from the shop (source position 0) are no
   * stream events and are left out.
   */
  private void writeFreshness(StarBatch batch) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            INSERT INTO etl_freshness
            SELECT ?, ?, to_timestamp(? / 1000.0), bucket, count(*)
            FROM (SELECT CASE WHEN lag < 10000 THEN lag // 10 * 10 ELSE lag // 1000 * 1000 END
                           AS bucket
                  FROM (SELECT greatest(? - source_ts_ms, 0) AS lag FROM stage_change
                        WHERE lsn > 0 AND source_ts_ms > 0))
            GROUP BY bucket
            """)) {
      long now = System.currentTimeMillis();
      ps.setString(1, batch.pipelineId());
      ps.setLong(2, batch.batchId());
      ps.setLong(3, now);
      ps.setLong(4, now);
      ps.executeUpdate();
    }
  }

  private void writeLedger(StarBatch batch, long duplicates, long stale) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO etl_batch_ledger VALUES (?, ?, now(), ?, ?, ?, ?)")) {
      ps.setString(1, batch.pipelineId());
      ps.setLong(2, batch.batchId());
      ps.setLong(3, batch.events());
      ps.setLong(4, duplicates);
      ps.setLong(5, stale);
      ps.setLong(6, batch.deadLetters().size());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            INSERT INTO etl_source_offset VALUES (?, ?, ?)
            ON CONFLICT (topic, kafka_partition) DO UPDATE
              SET last_offset = greatest(etl_source_offset.last_offset, excluded.last_offset)
            """)) {
      for (SourceOffset o : batch.offsets()) {
        ps.setString(1, o.topic());
        ps.setInt(2, o.partition());
        ps.setLong(3, o.offset());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
