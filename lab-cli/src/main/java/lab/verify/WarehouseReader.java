package lab.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import lab.config.LabSettings;
import lab.services.LabException;

/**
 * Opens the warehouse for reading. DuckDB lets one process hold the file for writing and locks out
 * every other process, readers included; while the ETL runs, readers get the snapshot it publishes
 * after batches, otherwise the file itself.
 */
public final class WarehouseReader {

  /** An open read-only connection and what it reads, for the user to see. */
  public record Opened(Connection connection, String source) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  private WarehouseReader() {}

  /** Opens the snapshot if the ETL is running, the warehouse file otherwise. */
  public static Opened open(LabSettings settings, boolean etlRunning) {
    Path file = etlRunning ? settings.warehouseSnapshot() : settings.warehouseFile();
    if (!Files.isRegularFile(file)) {
      throw new LabException(
          "there is no warehouse at "
              + file
              + " yet; run ./lab demo or ./lab pipeline start to build it");
    }
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
      String source =
          etlRunning
              ? "snapshot published " + age(file) + " ago (the ETL holds the warehouse)"
              : file + " (written " + age(file) + " ago)";
      return new Opened(c, source);
    } catch (SQLException e) {
      throw new LabException(
          "cannot open the warehouse " + file + " for reading: " + e.getMessage(), e);
    }
  }

  private static String age(Path file) {
    try {
      Duration d = Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now());
      return d.toMillis() < 10_000 ? (d.toMillis() / 100) / 10.0 + " s" : d.toSeconds() + " s";
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
