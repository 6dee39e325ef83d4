package lab.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Consumer;
import lab.bench.oltp.ConnectionFactory;

/**
 * What the benchmark runs against, supplied by the lab: the PostgreSQL shop (brought to a scale on
 * request), the DuckDB star built from it, and where the DuckDB copy of the shop for the OLTP mix
 * goes.
 */
public interface BenchTarget {

  /**
   * Makes the shop hold a seeded shop of this scale (reusing one that matches) and returns one line
   * describing it.
   */
  String prepareShop(double scale, Consumer<String> progress) throws SQLException;

  /** Connections to the shop. */
  ConnectionFactory postgres();

  /**
   * The star to read beside the shop as {@link #prepareShop} left it, or why there is none. The lab
   * may bring the star up to date with the shop first (its pipeline), reporting progress.
   */
  Star star(double scale, Consumer<String> progress) throws SQLException;

  /** Where the DuckDB copy of the shop for the OLTP mix is written. */
  Path duckDbShopFile();

  /**
   * The warehouse file DuckDB reads, or null with the reason in {@code note}.
   *
   * @param note what the report says about the star (its age, or why it is missing)
   */
  record Star(Path file, String note) {}
}
