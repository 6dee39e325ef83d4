package lab.warehouse.star;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import lab.warehouse.sink.BatchResult;
import lab.warehouse.sink.StarSink;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real warehouse in a test's folder: change rows go in through the sink, batch after batch, as
 * the ETL delivers them, and the star is read from a published snapshot, as the lab's readers do.
 * As a JUnit extension ({@link #perTest}) each test gets a fresh one in a folder of its own.
 */
public final class StarFixture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

  private Path dir;
  private StarSink sink;
  private long batchId;

  private StarFixture(Path dir, StarSink sink) {
    this.dir = dir;
    this.sink = sink;
  }

  /** A fresh warehouse built by the lab's own steps for each test: {@code @RegisterExtension}. */
  public static StarFixture perTest() {
    return new StarFixture(null, null);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException, SQLException {
    dir = Files.createTempDirectory("star-step-test");
    sink = StarSink.open(dir.resolve("wh.duckdb"), StarSteps.defaults());
    batchId = 0;
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException, SQLException {
    close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /** A warehouse built by the lab's own steps. */
  public static StarFixture open(Path dir) throws SQLException {
    return open(dir, StarSteps.defaults());
  }

  /** A warehouse built by the steps given. */
  public static StarFixture open(Path dir, StarSteps steps) throws SQLException {
    return new StarFixture(dir, StarSink.open(dir.resolve("wh.duckdb"), steps));
  }

  /** Applies the changes as the next batch. */
  public BatchResult apply(ShopChanges changes) throws SQLException {
    return sink.apply(changes.batch("p", batchId++));
  }

  public StarSink sink() {
    return sink;
  }

  /** The rows of a query on a fresh snapshot, cells joined by | and rows by a newline. */
  public String query(String sql) throws SQLException {
    Path snapshot = dir.resolve("read.duckdb");
    sink.publishSnapshot(snapshot);
    return queryFile(snapshot, sql);
  }

  /** Reads a published snapshot the way the lab's readers do: read-only. */
  public static String queryFile(Path snapshot, String sql) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + snapshot, readOnly)) {
      return rows(c, sql);
    }
  }

  /** The rows of a query, cells joined by | and rows by a newline. */
  public static String rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", cells));
      }
      return String.join("\n", rows);
    }
  }

  @Override
  public void close() throws SQLException {
    sink.close();
  }
}
