package lab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lab.services.LocalLab;
import lab.verify.WarehouseReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lab query}: runs one read-only SQL query on the warehouse or the shop and prints it. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run one read-only SQL query and print the result as a table with its timing.",
      "duckdb reads the warehouse (its snapshot while the ETL runs); postgres reads the shop."
    })
final class QueryCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;

  @Option(
      names = "--engine",
      paramLabel = "duckdb|postgres",
      description = "duckdb: the warehouse (default); postgres: the OLTP shop")
  String engine = "duckdb";

  @Option(names = "--file", paramLabel = "path.sql", description = "Read the SQL from this file")
  Path file;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      description = "Print at most N rows; the rest are counted (default 50)")
  int maxRows = 50;

  @Parameters(arity = "0..1", paramLabel = "SQL", description = "The query (or give --file)")
  String sql;

  @Override
  public Integer call() throws SQLException {
    String query = query();
    if (!engine.equals("duckdb") && !engine.equals("postgres")) {
      throw new IllegalArgumentException(
          "--engine must be duckdb or postgres, got '" + engine + "'");
    }
    if (maxRows < 1 || maxRows > 100_000) {
      throw new IllegalArgumentException("--max-rows must be between 1 and 100000, got " + maxRows);
    }
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    ResultTable table =
        engine.equals("postgres")
            ? onShop(local, query, console)
            : onWarehouse(local, query, console);
    table.lines().forEach(console::line);
    return 0;
  }

  /** The SQL from the argument or the file: exactly one of them. */
  private String query() {
    if ((sql == null) == (file == null)) {
      throw new IllegalArgumentException(
          sql == null
              ? "give the SQL as an argument or --file path.sql"
              : "give the SQL as an argument or --file path.sql, not both");
    }
    if (sql != null) {
      return sql;
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--file: there is no file " + file);
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--file: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private ResultTable onWarehouse(LocalLab local, String query, Console console)
      throws SQLException {
    boolean etlRunning = local.pipeline().etl().isPresent();
    // WarehouseReader opens DuckDB with duckdb.read_only, so a write fails in the engine.
    try (WarehouseReader.Opened wh = WarehouseReader.open(local.settings(), etlRunning)) {
      console.line("warehouse: " + wh.source());
      return run(wh.connection(), query, maxRows);
    }
  }

  private ResultTable onShop(LocalLab local, String query, Console console) throws SQLException {
    try (Connection c = VerifyCommand.connectShop(local)) {
      console.line("shop: " + c.getMetaData().getURL());
      // A teaching shop must not be changed by a query typed to look at it: the transaction is
      // read-only in the server, and rolled back whatever ran.
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET TRANSACTION READ ONLY");
      }
      try {
        return run(c, query, maxRows);
      } finally {
        c.rollback();
      }
    }
  }

  /** Runs the query, keeps the first maxRows rows and counts the rest. */
  static ResultTable run(Connection c, String query, int maxRows) throws SQLException {
    long start = System.nanoTime();
    try (Statement st = c.createStatement()) {
      if (!st.execute(query)) {
        return new ResultTable(
            List.of(), List.of(), 0, Duration.ofNanos(System.nanoTime() - start));
      }
      try (ResultSet rs = st.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        List<ResultTable.Column> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(new ResultTable.Column(md.getColumnLabel(i), numeric(md.getColumnType(i))));
        }
        List<List<Object>> rows = new ArrayList<>();
        long total = 0;
        while (rs.next()) {
          if (total++ < maxRows) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
              row.add(rs.getObject(i));
            }
            rows.add(row);
          }
        }
        return new ResultTable(columns, rows, total, Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  private static boolean numeric(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE,
          Types.NUMERIC,
          Types.DECIMAL ->
          true;
      default -> false;
    };
  }
}
