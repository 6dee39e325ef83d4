package lab.bench.oltp;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.shop.contract.ShopContract;
import lab.shop.contract.SourceTable;
import lab.shop.jdbc.Transactions;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every shop table from PostgreSQL into a fresh DuckDB file with the same OLTP schema
 * ({@code lab/bench/oltp/duckdb_shop.sql}), so the OLTP driver can run the same transactions on
 * both engines. DuckDB's JDBC jar has no postgres_scanner, so rows are streamed over JDBC and
 * written with DuckDB's Appender.
 *
 * <p>PostgreSQL is read in one REPEATABLE READ transaction, so the copy is one consistent snapshot.
 * The copy is built under a temporary name and moved into place only when complete: a failed or
 * interrupted copy never replaces a good one.
 */
public final class DuckDbShopCopy {

  static final String DDL = "lab/bench/oltp/duckdb_shop.sql";

  /** Parents before children, so every foreign key finds its row. */
  static final List<String> TABLES = lab.shop.schema.ShopTables.ALL;

  // A category may hang under one with a larger id: insert them level by level.
  private static final String CATEGORIES_BY_DEPTH =
      """
      WITH RECURSIVE tree AS (
          SELECT category_id, 0 AS depth FROM categories WHERE parent_id IS NULL
          UNION ALL
          SELECT c.category_id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.category_id
      )
      SELECT %s FROM categories JOIN tree USING (category_id) ORDER BY tree.depth, category_id""";

  static final int FETCH_SIZE = 10_000;
  static final long PROGRESS_EVERY = 50_000;

  private static final Logger log = LoggerFactory.getLogger(DuckDbShopCopy.class);
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

  private DuckDbShopCopy() {}

  /**
   * Copies the shop into {@code target}, replacing any file there once the copy is complete.
   *
   * @param progress receives (table, rows copied so far) every {@value #PROGRESS_EVERY} rows and
   *     once when a table is done
   * @throws IllegalStateException if a table's row count in DuckDB differs from what was read
   */
  public static CopySummary copy(Connection pg, Path target, BiConsumer<String, Long> progress)
      throws SQLException, IOException {
    Objects.requireNonNull(pg, "pg");
    Objects.requireNonNull(progress, "progress");
    Path file = target.toAbsolutePath().normalize();
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".copying");
    deleteWithWal(tmp);
    long started = System.nanoTime();
    boolean autoCommit = pg.getAutoCommit();
    pg.setAutoCommit(false); // pgjdbc streams with fetchSize only inside a transaction
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      try (Statement st = pg.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + tmp)) {
        createSchema(pg, duck);
        duck.setAutoCommit(false);
        for (String table : TABLES) {
          try {
            rows.put(table, copyTable(pg, duck, table, progress));
          } catch (SQLException e) {
            throw new SQLException(
                "copying " + table + " failed: " + e.getMessage(), e.getSQLState(), e);
          }
        }
        verifyCounts(duck, rows);
        duck.commit();
        duck.setAutoCommit(true);
        try (Statement st = duck.createStatement()) {
          st.execute("CHECKPOINT");
        }
      }
      pg.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      Transactions.rollbackAfter(pg, e);
      deleteWithWal(tmp);
      throw e;
    } finally {
      pg.setAutoCommit(autoCommit);
    }
    // A WAL left beside the old file would be replayed into the new one: remove it first.
    deleteWithWal(file);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    CopySummary summary =
        new CopySummary(file, rows, Duration.ofNanos(System.nanoTime() - started));
    log.info("copied the shop to {}: {} rows in {}", file, summary.totalRows(), summary.took());
    return summary;
  }

  private static void createSchema(Connection pg, Connection duck)
      throws SQLException, IOException {
    try (Statement st = duck.createStatement()) {
      // Sequences first, since the tables' defaults name them; each starts after the largest id.
      // The identity columns of the PostgreSQL shop: DuckDB gets a sequence for each.
      for (SourceTable t : ShopContract.withIdentities()) {
        long next = maxId(pg, t.name(), t.identity()) + 1;
        st.execute("CREATE SEQUENCE " + t.name() + "_" + t.identity() + "_seq START " + next);
      }
      st.execute(ddl());
    }
  }

  private static long maxId(Connection pg, String table, String column) throws SQLException {
    try (Statement st = pg.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(" + column + "), 0) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String ddl() throws IOException {
    try (InputStream in = DuckDbShopCopy.class.getClassLoader().getResourceAsStream(DDL)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DDL + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A column of the DuckDB table and how to move its values. */
  private record Column(String name, String type, int scale) {}

  private static List<Column> columns(Connection duck, String table) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement ps =
        duck.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String type = rs.getString(2);
          Matcher m = DECIMAL.matcher(type);
          columns.add(
              new Column(
                  rs.getString(1),
                  m.matches() ? "DECIMAL" : type,
                  m.matches() ? Integer.parseInt(m.group(2)) : 0));
        }
      }
    }
    return columns;
  }

  private static long copyTable(
      Connection pg, Connection duck, String table, BiConsumer<String, Long> progress)
      throws SQLException {
    List<Column> columns = columns(duck, table);
    String names = String.join(", ", columns.stream().map(Column::name).toList());
    String select =
        table.equals("categories")
            ? String.format(CATEGORIES_BY_DEPTH, names)
            : "SELECT " + names + " FROM " + table;
    long n = 0;
    try (Statement st = pg.createStatement()) {
      st.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = st.executeQuery(select)) {
        if (table.equals("categories")) {
          // The Appender checks a whole chunk against the rows before it, so a child in the same
          // chunk as its parent would fail its foreign key: plain inserts, parents first.
          n = insertRows(duck, table, columns, rs);
        } else {
          n = appendRows(duck, table, columns, rs, progress);
        }
      }
    }
    progress.accept(table, n);
    return n;
  }

  /**
   * Appends into an unconstrained staging table, then moves the rows with one INSERT ... SELECT,
   * which checks the constraints. Appending straight into the constrained table failed CHECKs on
   * valid rows with DuckDB 2.0.0.1 (orders.status, after some OLTP runs), and its Appender reports
   * a failed flush only from flush(), not from close(): both are avoided this way.
   */
  private static long appendRows(
      Connection duck,
      String table,
      List<Column> columns,
      ResultSet rs,
      BiConsumer<String, Long> progress)
      throws SQLException {
    String stage = "copy_stage_" + table;
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE " + stage + " AS SELECT * FROM " + table + " LIMIT 0");
    }
    long n = 0;
    try (DuckDBAppender appender = duck.unwrap(DuckDBConnection.class).createAppender(stage)) {
      while (rs.next()) {
        appender.beginRow();
        for (int i = 0; i < columns.size(); i++) {
          append(appender, columns.get(i), rs, i + 1);
        }
        appender.endRow();
        if (++n % PROGRESS_EVERY == 0) {
          progress.accept(table, n);
        }
      }
      appender.flush();
    }
    try (Statement st = duck.createStatement()) {
      st.execute("INSERT INTO " + table + " SELECT * FROM " + stage);
      st.execute("DROP TABLE " + stage);
    }
    return n;
  }

  private static long insertRows(Connection duck, String table, List<Column> columns, ResultSet rs)
      throws SQLException {
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    long n = 0;
    try (PreparedStatement insert =
        duck.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      while (rs.next()) {
        for (int i = 1; i <= columns.size(); i++) {
          insert.setObject(i, rs.getObject(i));
        }
        insert.executeUpdate();
        n++;
      }
    }
    return n;
  }

  private static void append(DuckDBAppender a, Column column, ResultSet rs, int i)
      throws SQLException {
    switch (column.type()) {
      case "BIGINT" -> {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case "INTEGER" -> {
        int v = rs.getInt(i);
        if (rs.wasNull()) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case "SMALLINT" -> {
        short v = rs.getShort(i);
        if (rs.wasNull()) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case "VARCHAR" -> {
        String v = rs.getString(i);
        if (v == null) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case "DECIMAL" -> {
        BigDecimal v = rs.getBigDecimal(i);
        if (v == null) {
          a.appendNull();
        } else {
          a.append(v.setScale(column.scale()));
        }
      }
      case "TIMESTAMP WITH TIME ZONE" -> {
        OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
        if (v == null) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      case "DATE" -> {
        LocalDate v = rs.getObject(i, LocalDate.class);
        if (v == null) {
          a.appendNull();
        } else {
          a.append(v);
        }
      }
      default ->
          throw new IllegalStateException(
              "cannot copy column " + column.name() + " of DuckDB type " + column.type());
    }
  }

  private static void verifyCounts(Connection duck, Map<String, Long> rows) throws SQLException {
    for (Map.Entry<String, Long> table : rows.entrySet()) {
      try (Statement st = duck.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table.getKey())) {
        rs.next();
        if (rs.getLong(1) != table.getValue()) {
          throw new IllegalStateException(
              "copy of "
                  + table.getKey()
                  + " holds "
                  + rs.getLong(1)
                  + " rows in DuckDB, but "
                  + table.getValue()
                  + " were read from PostgreSQL");
        }
      }
    }
  }

  private static void deleteWithWal(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
  }
}
