package lab.warehouse.sink;

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
 * <p>Its jobs apart: {@link Ledger} books each batch, {@link GapLog} keeps the stream's gaps,
 * {@link SnapshotFile} checkpoints the file and copies it for readers, {@link SinkSession} sets up
 * the DuckDB session.
 */
public final class StarSink implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StarSink.class);

  private final DuckDBConnection connection;
  private final ChangeMerge merge;
  private final StarSteps steps;
  private final SnapshotFile snapshots;

  private StarSink(
      DuckDBConnection connection, ChangeMerge merge, StarSteps steps, SnapshotFile snapshots) {
    this.connection = connection;
    this.merge = merge;
    this.steps = steps;
    this.snapshots = snapshots;
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
    return open(file, steps, SinkSession.checkpointMb(), SnapshotFile.PLAIN_COPY);
  }

  /** As {@link #open(Path)} with the checkpoint threshold given; 0 checkpoints every commit. */
  static StarSink open(Path file, long checkpointMb) throws SQLException {
    return open(file, StarSteps.defaults(), checkpointMb, SnapshotFile.PLAIN_COPY);
  }

  /** As {@link #open(Path, long)}, with the snapshot's file copy given. */
  static StarSink open(Path file, long checkpointMb, SnapshotFile.FileCopy fileCopy)
      throws SQLException {
    return open(file, StarSteps.defaults(), checkpointMb, fileCopy);
  }

  private static StarSink open(
      Path file, StarSteps steps, long checkpointMb, SnapshotFile.FileCopy fileCopy)
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
      SinkSession.configure(connection);
      ChangeMerge merge = ChangeMerge.fromCatalog(connection);
      for (String table : steps.replacedMerges()) {
        merge.stageView(table); // refuses a table the change layer does not have
      }
      connection.setAutoCommit(false);
      return new StarSink(
          connection,
          merge,
          steps,
          new SnapshotFile(file.toAbsolutePath(), checkpointMb, fileCopy));
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * The change layer's merge of shop table {@code table} as SQL over its batch view ({@code
   * stage_<table>}): the statements the sink generates from the warehouse's DDL, written out, so
   * that a merge of one's own can start from them (the course's lab 2 holds a student's to it).
   */
  public static String mergeSql(String table) throws SQLException {
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
      StarSchema.create(c);
      return ChangeMerge.fromCatalog(c).sql(table);
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
      if (Ledger.has(connection, batch)) {
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
        Set<String> replaced = steps.replacedMerges();
        for (String sql : merge.statements(tables.changed(), tables.deleted(), replaced)) {
          timed(s, sql);
        }
        for (String table : replaced) {
          if (tables.changed().contains(table)) {
            timed(s, merge.stageView(table));
            steps.runMerge(s, table);
          }
        }
        mergeFxRates(s, batch.fxRates());
        merged = System.nanoTime();
        steps.run(s);
      }
      long built = System.nanoTime();
      Ledger.deadLetters(connection, batch.deadLetters());
      Ledger.record(connection, batch, duplicates, stale);
      Ledger.freshness(connection, batch);
      long booked = System.nanoTime();
      connection.commit();
      long committed = System.nanoTime();
      snapshots.checkpointIfDue(connection);
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

  /** The next batch id of a pipeline, for writers that are not driven by a Spark checkpoint. */
  public synchronized long nextBatchId(String pipelineId) throws SQLException {
    return inTransaction(() -> Ledger.nextBatchId(connection, pipelineId));
  }

  /** Gaps nobody has closed yet that were detected at least {@code ageSeconds} ago. */
  public synchronized List<Gap> openGaps(long ageSeconds, int limit) throws SQLException {
    return inTransaction(() -> GapLog.open(connection, ageSeconds, limit));
  }

  /** Closes gaps with an outcome, e.g. that the shop does not have the row either. */
  public synchronized void closeGaps(List<Gap> gaps, String outcome) throws SQLException {
    inTransaction(
        () -> {
          GapLog.close(connection, gaps, outcome);
          return null;
        });
  }

  /** Work the sink does outside a batch, in a transaction of its own. */
  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) throws SQLException {
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  /**
   * Writes a consistent read-only copy of the warehouse: checkpoint (so the file holds every
   * committed batch), copy beside the target, then rename over it atomically so a reader never sees
   * a half-written file. Only the checkpoint holds up batches; they commit while the file is copied
   * (see {@link SnapshotFile}).
   *
   * @return the time the checkpoint and the copy took, without the wait for a batch in progress:
   *     what a publish costs, for a caller that paces them
   */
  public Duration publishSnapshot(Path target) throws SQLException {
    long t0;
    synchronized (this) {
      t0 = System.nanoTime();
      snapshots.checkpoint(connection);
    }
    long checkpointed = System.nanoTime();
    snapshots.copyTo(target);
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
    snapshots.close(connection);
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

  private void rollbackQuietly(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
