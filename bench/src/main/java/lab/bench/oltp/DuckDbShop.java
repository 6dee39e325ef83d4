package lab.bench.oltp;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * A DuckDB copy of the shop opened for the OLTP driver. DuckDB lets one process write a file, so
 * the clients share this process's database instance: each gets a duplicate of one connection.
 */
public final class DuckDbShop implements ConnectionFactory, AutoCloseable {

  private final Path file;
  private final DuckDBConnection root;

  private DuckDbShop(Path file, DuckDBConnection root) {
    this.file = file;
    this.root = root;
  }

  /**
   * Opens the copy.
   *
   * @throws SQLException if the file is missing, not a DuckDB database, or held by another process
   */
  public static DuckDbShop open(Path file) throws SQLException {
    Path absolute = file.toAbsolutePath().normalize();
    if (!java.nio.file.Files.isRegularFile(absolute)) {
      throw new SQLException("there is no DuckDB copy of the shop at " + absolute);
    }
    Connection c = DriverManager.getConnection("jdbc:duckdb:" + absolute);
    return new DuckDbShop(absolute, c.unwrap(DuckDBConnection.class));
  }

  @Override
  public Connection open() throws SQLException {
    return root.duplicate();
  }

  @Override
  public String describe() {
    return "DuckDB file " + file;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws SQLException {
    root.close();
  }
}
