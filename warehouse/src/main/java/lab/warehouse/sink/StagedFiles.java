package lab.warehouse.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A batch the transform wrote as Parquet files instead of handing its rows to the driver: a
 * backfill's batches are large, and a file lets the warehouse bulk-load them in parallel with
 * bounded memory on both sides. The files hold the transform's output frame (table, lsn,
 * source_ts_ms, is_deleted, row, topic, partition, offset, error, raw): good changes have no error,
 * dead letters have one and their raw record.
 *
 * @param dir the batch's directory of {@code *.parquet} files
 * @param records Kafka records in the batch (tombstones excluded, as the transform drops them)
 * @param offsets the highest offset per topic partition, ordered as the ledger expects
 * @param deadLetters records the transform rejected, with their reasons
 * @param tables the shop tables the good changes belong to
 */
public record StagedFiles(
    Path dir,
    long records,
    List<SourceOffset> offsets,
    List<DeadLetter> deadLetters,
    Set<String> tables) {

  public StagedFiles {
    offsets = List.copyOf(offsets);
    deadLetters = List.copyOf(deadLetters);
    tables = Set.copyOf(tables);
  }

  /** Reads what the ledger needs from a batch's files (a columnar scan of a few columns). */
  public static StagedFiles read(Path dir) throws SQLException {
    if (!hasFiles(dir)) {
      return new StagedFiles(dir, 0, List.of(), List.of(), Set.of());
    }
    String files = glob(dir);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      // One scan for the ledger: each partition's highest offset and its number of records.
      long records = 0;
      List<SourceOffset> offsets = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT topic, \"partition\", max(\"offset\"), count(*) FROM read_parquet("
                  + files
                  + ") GROUP BY topic, \"partition\" ORDER BY topic || '/' || \"partition\"")) {
        while (rs.next()) {
          offsets.add(new SourceOffset(rs.getString(1), rs.getInt(2), rs.getLong(3)));
          records += rs.getLong(4);
        }
      }
      List<DeadLetter> dead = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT topic, \"partition\", \"offset\", error, raw FROM read_parquet("
                  + files
                  + ") WHERE error IS NOT NULL ORDER BY topic, \"partition\", \"offset\"")) {
        while (rs.next()) {
          dead.add(
              new DeadLetter(
                  rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
        }
      }
      Set<String> tables = new TreeSet<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT DISTINCT \"table\" FROM read_parquet(" + files + ") WHERE error IS NULL")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      return new StagedFiles(dir, records, offsets, dead, tables);
    }
  }

  /** Bulk-loads the good changes into the sink's staging table; returns how many. */
  long stageInto(Connection connection, Set<String> known) throws SQLException {
    for (String t : tables) {
      if (!known.contains(t)) {
        throw new SQLException(
            "the warehouse has no cur_"
                + t
                + " table for changes of "
                + t
                + "; add it to changes.sql");
      }
    }
    if (!hasFiles(dir)) {
      return 0;
    }
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate(
          "INSERT INTO stage_change SELECT \"table\", lsn, coalesce(source_ts_ms, 0), is_deleted,"
              + " \"row\" FROM read_parquet("
              + glob(dir)
              + ") WHERE error IS NULL");
    }
  }

  private static boolean hasFiles(Path dir) throws SQLException {
    if (!Files.isDirectory(dir)) {
      throw new SQLException("the staged batch " + dir + " is missing");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    } catch (IOException e) {
      throw new SQLException("cannot list the staged batch " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String glob(Path dir) {
    return "'" + dir.toAbsolutePath().resolve("*.parquet").toString().replace("'", "''") + "'";
  }
}
