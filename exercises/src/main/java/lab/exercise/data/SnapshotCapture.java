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
 * The seeded shop as the lab's capture sees it in its initial snapshot, without a database: one
 * snapshot read ({@code op = r}) per row, on one topic a table, in the JSON the capture writes
 * (Debezium with schemas off: decimals as strings, dates as days since the epoch, timestamps with
 * time zone as ISO-8601 strings in UTC with six digits of fraction). {@code CourseChangeLogIT}
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

  /** A Kafka record of the capture: its topic, offset, key and value. */
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
   * files in {@code csvDir}.
   *
   * @param snapshotMs when the snapshot ran (the records' commit and capture time)
   */
  public static Map<String, List<Record>> read(Path csvDir, String topicPrefix, long snapshotMs)
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
      for (SourceTable table : ShopContract.TABLES) {
        Path csv = csvDir.resolve(table.name() + ".csv");
        if (Files.exists(csv)) {
          s.execute(load(table, csv));
        }
        topics.put(table.name(), records(s, table, topicPrefix, snapshotMs));
      }
    }
    return topics;
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

  private static List<Record> records(
      Statement s, SourceTable table, String topicPrefix, long snapshotMs) throws SQLException {
    List<Record> out = new ArrayList<>();
    String topic = topicPrefix + "." + table.name();
    String order = String.join(", ", table.key());
    try (ResultSet rs =
        s.executeQuery(
            "SELECT "
                + String.join(", ", table.columnNames())
                + " FROM "
                + table.name()
                + " ORDER BY "
                + order)) {
      while (rs.next()) {
        ObjectNode key = JSON.createObjectNode();
        ObjectNode after = JSON.createObjectNode();
        for (int i = 0; i < table.columns().size(); i++) {
          SourceColumn column = table.columns().get(i);
          put(after, column, rs, i + 1);
          if (table.key().contains(column.name())) {
            put(key, column, rs, i + 1);
          }
        }
        String value =
            new ChangeEnvelope(
                    "r",
                    table.name(),
                    null,
                    after.toString(),
                    SNAPSHOT_LSN,
                    1,
                    snapshotMs,
                    snapshotMs)
                .json();
        out.add(new Record(topic, out.size(), key.toString(), value));
      }
    }
    return out;
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
