package lab.exercise.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lab.etl.cdc.ChangeEnvelope;
import lab.shop.contract.ShopContract;
import lab.shop.contract.SourceColumn;
import lab.shop.contract.SourceTable;
import lab.warehouse.sql.SqlScript;

/**
 * The seeded shop as the lab's capture sees it, without a database: its initial snapshot, one
 * snapshot read ({@code op = r}) per row, then the first morning's changes ({@link ChangeDay}:
 * {@code c}, {@code u}, {@code d} and tombstones), on one topic a table, in the JSON the capture
 * writes (Debezium with schemas off: decimals as strings, dates as days since the epoch, timestamps
 * with time zone as ISO-8601 strings in UTC with six digits of fraction). {@code CourseChangeLogIT}
 * holds it equal, record for record, to what the real capture emits for the same seeded shop.
 *
 * <p>The rows are the seeder's own COPY input ({@code ShopSeeder.writeCsv}) plus the reference rows
 * the migrations insert; DuckDB stands in for PostgreSQL to type them, and numbers the identity
 * columns in the order the rows were written, as the server's COPY does.
 */
public final class SnapshotCapture {

  /** Where the shop's schema inserts its reference rows (currencies, sales channels). */
  static final String MIGRATION = "/lab/shop/migrations/V2__full_shop.sql";

  /** The snapshot's source position: every snapshot read carries the LSN it started at. */
  public static final long SNAPSHOT_LSN = 1_000;

  /** The database the capture reads, as its events name it. */
  static final String DATABASE = "shop";

  /** The first change after the snapshot streams from here, each next one {@link #LSN_STEP} on. */
  public static final long DAY_LSN = 2_000;

  static final long LSN_STEP = 8;

  /** A Kafka record of the capture: its topic, offset, key and value (null: a tombstone). */
  public record Record(String topic, long offset, String key, String value) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Debezium's ZonedTimestamp for a {@code timestamptz} column: UTC, the fraction padded to the
   * column's six digits ({@code 2024-07-01T00:00:00.000000Z}), as CourseChangeLogIT found the
   * capture writing it.
   */
  private static final DateTimeFormatter ZONED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  private SnapshotCapture() {}

  /**
   * The records of every shop table, topic by topic in the contract's order, from the seeder's CSV
   * files in {@code csvDir}: the snapshot reads, then the morning's changes.
   *
   * @param server the capture's logical name: the topics are {@code <server>.public.<table>}
   * @param snapshotMs when the snapshot ran (the records' commit and capture time)
   */
  public static Map<String, List<Record>> read(Path csvDir, String server, long snapshotMs)
      throws SQLException {
    Map<String, List<Record>> topics = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      // One thread: the identity columns are numbered in the order the rows were written.
      s.execute("SET threads = 1");
      s.execute("SET TimeZone = 'UTC'");
      for (SourceTable table : ShopContract.TABLES) {
        s.execute(createTable(table));
      }
      for (String sql : SqlScript.resource(MIGRATION)) {
        if (sql.strip().regionMatches(true, 0, "INSERT INTO", 0, 11)) {
          s.execute(sql);
        }
      }
      List<SourceTable> withRows = new ArrayList<>();
      for (SourceTable table : ShopContract.TABLES) {
        Path csv = csvDir.resolve(table.name() + ".csv");
        if (Files.exists(csv)) {
          s.execute(load(table, csv));
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) > 0 FROM " + table.name())) {
          rs.next();
          if (rs.getBoolean(1)) {
            withRows.add(table);
          }
        }
      }
      for (SourceTable table : ShopContract.TABLES) {
        Snapshot place =
            new Snapshot(
                server,
                snapshotMs,
                table == withRows.get(0),
                table == withRows.get(withRows.size() - 1));
        topics.put(table.name(), records(s, table, place));
      }
      numberAfterTheSeededRows(s);
      captureTheDay(s, topics, server);
    }
    return topics;
  }

  /**
   * Where a table's reads stand in the snapshot: Debezium marks the snapshot's first and last
   * record ({@code first}, {@code last}), each table's first and last ({@code
   * first_in_data_collection}, {@code last_in_data_collection}) and the others {@code true}.
   */
  private record Snapshot(String server, long snapshotMs, boolean firstTable, boolean lastTable) {
    String marker(int row, int rows) {
      if (row == 0) {
        return firstTable ? "first" : "first_in_data_collection";
      }
      if (row == rows - 1) {
        return lastTable ? "last" : "last_in_data_collection";
      }
      return "true";
    }
  }

  /**
   * The identity columns number new rows after the seeded ones, as the server's sequences do after
   * the seeder's COPY.
   */
  private static void numberAfterTheSeededRows(Statement s) throws SQLException {
    for (SourceTable table : ShopContract.withIdentities()) {
      long next;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT coalesce(max(" + table.identity() + "), 0) + 1 FROM " + table.name())) {
        rs.next();
        next = rs.getLong(1);
      }
      String sequence = table.name() + "_" + table.identity() + "_seq";
      s.execute("CREATE SEQUENCE " + sequence + " START WITH " + next);
      s.execute(
          "ALTER TABLE "
              + table.name()
              + " ALTER COLUMN "
              + table.identity()
              + " SET DEFAULT nextval('"
              + sequence
              + "')");
    }
  }

  /**
   * The first morning after the snapshot ({@link ChangeDay}), run on the stand-in and streamed as
   * the capture streams it: one event a row changed, in commit order, each with its own source
   * position; an update's {@code before} is null and a delete's holds only the key (the tables'
   * replica identity is the default, the primary key: {@link #keyOnly}); a delete is followed by a
   * tombstone, the key with a null value, so that a compacted topic can forget the row.
   */
  private static void captureTheDay(Statement s, Map<String, List<Record>> topics, String server)
      throws SQLException {
    long lsn = DAY_LSN;
    long txId = 1;
    long lastCommit = SNAPSHOT_LSN;
    for (ChangeDay.Transaction tx : ChangeDay.transactions()) {
      txId++;
      long commitMs = tx.commitTime().toInstant().toEpochMilli();
      for (ChangeDay.Change change : tx.changes()) {
        SourceTable table = change.table();
        List<Record> out = topics.get(table.name());
        String topic = topic(server, table);
        try (ResultSet rs =
            s.executeQuery(change.sql() + " RETURNING " + String.join(", ", table.columnNames()))) {
          while (rs.next()) {
            ObjectNode[] row = row(rs, table);
            boolean delete = change.op().equals("d");
            String value =
                new ChangeEnvelope(
                        change.op(),
                        table.name(),
                        delete ? keyOnly(table, row[0]).toString() : null,
                        delete ? null : row[1].toString(),
                        lsn,
                        txId,
                        commitMs,
                        commitMs)
                    .debeziumJson(server, DATABASE, "false", lastCommit);
            lsn += LSN_STEP;
            out.add(new Record(topic, out.size(), row[0].toString(), value));
            if (delete) {
              out.add(new Record(topic, out.size(), row[0].toString(), null));
            }
          }
        }
      }
      lastCommit = lsn;
      lsn += LSN_STEP;
    }
  }

  /**
   * A delete's before-image as the capture writes it: the key's columns hold the row's values; the
   * server sent nothing else (the replica identity is the key), so Debezium leaves the optional
   * columns null and fills each required one with its type's empty value ({@code ""}, {@code 0},
   * the epoch). CourseChangeLogIT proved these for the types the morning's deletes meet.
   */
  private static ObjectNode keyOnly(SourceTable table, ObjectNode key) {
    ObjectNode before = JSON.createObjectNode();
    for (SourceColumn column : table.columns()) {
      String name = column.name();
      if (key.has(name)) {
        before.set(name, key.get(name));
      } else if (column.optional()) {
        before.putNull(name);
      } else {
        switch (column.type()) {
          case TEXT -> before.put(name, "");
          case SMALLINT, INTEGER, BIGINT -> before.put(name, 0);
          case TIMESTAMPTZ -> before.put(name, "1970-01-01T00:00:00Z");
          case MONEY, DATE ->
              throw new IllegalStateException(
                  "a delete from "
                      + table.name()
                      + ": what the capture writes for its required "
                      + column.type()
                      + " column "
                      + name
                      + " has not been seen; run CourseChangeLogIT and write it here");
        }
      }
    }
    return before;
  }

  private static String createTable(SourceTable table) {
    return "CREATE TABLE "
        + table.name()
        + " ("
        + table.columns().stream()
            .map(c -> c.name() + " " + duckDbType(c))
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String duckDbType(SourceColumn column) {
    return switch (column.type()) {
      case TEXT -> "VARCHAR";
      case SMALLINT -> "SMALLINT";
      case INTEGER -> "INTEGER";
      case BIGINT -> "BIGINT";
      case MONEY -> "DECIMAL(12,2)";
      case DATE -> "DATE";
      case TIMESTAMPTZ -> "TIMESTAMPTZ";
    };
  }

  /** Loads one table's COPY input: the CSV's columns as written, the identity numbered. */
  private static String load(SourceTable table, Path csv) throws SQLException {
    List<String> columns;
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new IOException("the file is empty");
      }
      columns = List.of(header.split(","));
    } catch (IOException e) {
      throw new SQLException("cannot read the columns of " + csv + ": " + e.getMessage(), e);
    }
    List<String> types = new ArrayList<>();
    for (String name : columns) {
      SourceColumn column =
          table
              .column(name)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          csv + " has a column the contract does not: " + name));
      types.add("'" + name + "': '" + duckDbType(column) + "'");
    }
    List<String> into = new ArrayList<>(columns);
    String select = String.join(", ", columns);
    if (table.identity() != null && !columns.contains(table.identity())) {
      into.add(0, table.identity());
      select = "row_number() OVER (), " + select;
    }
    // COPY's CSV: an empty unquoted field is NULL, a quoted empty one an empty string.
    return "INSERT INTO "
        + table.name()
        + " ("
        + String.join(", ", into)
        + ") SELECT "
        + select
        + " FROM read_csv('"
        + csv.toAbsolutePath().toString().replace("'", "''")
        + "', header = true, allow_quoted_nulls = false, quote = '\"', escape = '\"',"
        + " columns = {"
        + String.join(", ", types)
        + "})";
  }

  private static List<Record> records(Statement s, SourceTable table, Snapshot snapshot)
      throws SQLException {
    List<ObjectNode[]> rows = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT "
                + String.join(", ", table.columnNames())
                + " FROM "
                + table.name()
                // the server's scan of a table written once: the order the rows were written
                + " ORDER BY rowid")) {
      while (rs.next()) {
        rows.add(row(rs, table));
      }
    }
    List<Record> out = new ArrayList<>();
    String topic = topic(snapshot.server(), table);
    for (ObjectNode[] row : rows) {
      String value =
          new ChangeEnvelope(
                  "r",
                  table.name(),
                  null,
                  row[1].toString(),
                  SNAPSHOT_LSN,
                  1,
                  snapshot.snapshotMs(),
                  snapshot.snapshotMs())
              .debeziumJson(
                  snapshot.server(), DATABASE, snapshot.marker(out.size(), rows.size()), null);
      out.add(new Record(topic, out.size(), row[0].toString(), value));
    }
    return out;
  }

  private static String topic(String server, SourceTable table) {
    return server + ".public." + table.name();
  }

  /** The current row of {@code rs} (the table's columns in order) as its key and its image. */
  private static ObjectNode[] row(ResultSet rs, SourceTable table) throws SQLException {
    ObjectNode key = JSON.createObjectNode();
    ObjectNode image = JSON.createObjectNode();
    for (int i = 0; i < table.columns().size(); i++) {
      SourceColumn column = table.columns().get(i);
      put(image, column, rs, i + 1);
      if (table.key().contains(column.name())) {
        put(key, column, rs, i + 1);
      }
    }
    return new ObjectNode[] {key, image};
  }

  /** A column's value as the capture encodes it. */
  private static void put(ObjectNode row, SourceColumn column, ResultSet rs, int i)
      throws SQLException {
    String name = column.name();
    Object value = rs.getObject(i);
    if (value == null) {
      row.putNull(name);
      return;
    }
    switch (column.type()) {
      case TEXT -> row.put(name, rs.getString(i));
      case SMALLINT, INTEGER, BIGINT -> row.put(name, rs.getLong(i));
      case MONEY -> row.put(name, rs.getBigDecimal(i).setScale(2).toPlainString());
      case DATE -> row.put(name, rs.getObject(i, LocalDate.class).toEpochDay());
      case TIMESTAMPTZ ->
          row.put(
              name,
              ZONED.format(
                  rs.getObject(i, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)));
    }
  }
}
