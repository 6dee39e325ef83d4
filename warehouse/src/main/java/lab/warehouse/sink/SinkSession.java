package lab.warehouse.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import lab.warehouse.star.StarSteps;

/**
 * The sink's DuckDB session: its time zone, memory, checkpoint policy, the staging tables and the
 * star's macros; and the two settings a user may give as system properties.
 */
final class SinkSession {

  static final String MEMORY_PROPERTY = "lab.warehouse.memory-mb";
  static final String CHECKPOINT_PROPERTY = "lab.warehouse.checkpoint-mb";

  /** DuckDB's own checkpoint threshold: high enough that DuckDB never checkpoints by itself. */
  private static final String NO_AUTOMATIC_CHECKPOINT = "1000000GB";

  /** The sink's checkpoint threshold unless -Dlab.warehouse.checkpoint-mb says otherwise. */
  private static final long DEFAULT_CHECKPOINT_MB = 16;

  private SinkSession() {}

  /** -Dlab.warehouse.checkpoint-mb, else 16 (DuckDB's own default). */
  static long checkpointMb() {
    Long configured = megabytes(CHECKPOINT_PROPERTY, 1);
    return configured == null ? DEFAULT_CHECKPOINT_MB : configured;
  }

  static void configure(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // Calendar keys and day boundaries are UTC, whatever the machine's zone.
      s.execute("SET TimeZone = 'UTC'");
      // DuckDB takes 80 % of the machine's memory by default; here it shares the machine with
      // Spark, Kafka and PostgreSQL, and one large join (a bad plan once reached 14 GB) got the
      // whole ETL killed by the kernel. Past its limit DuckDB spills to disk instead.
      s.execute("SET memory_limit = '" + memoryLimitMb() + "MB'");
      // The sink checkpoints itself (checkpointIfDue, publishSnapshot): a checkpoint must never
      // run while a snapshot copies the file.
      s.execute("SET checkpoint_threshold = '" + NO_AUTOMATIC_CHECKPOINT + "'");
      s.execute(
          "CREATE TEMP TABLE stage_change (tbl VARCHAR, lsn BIGINT, source_ts_ms BIGINT,"
              + " is_deleted BOOLEAN, image VARCHAR)");
      s.execute(
          "CREATE TEMP TABLE stage_fx (currency_code VARCHAR, rate_date DATE,"
              + " units_per_eur DECIMAL(18,8), source_file VARCHAR)");
      s.execute("CREATE TEMP TABLE t_fx_changed (currency_code VARCHAR, rate_date DATE)");
      for (String macro : StarSteps.macros()) {
        s.execute(macro);
      }
    }
  }

  /**
   * The warehouse's memory: {@code -Dlab.warehouse.memory-mb=N}, else a quarter of the machine's
   * physical memory (at least 512 MB).
   */
  static long memoryLimitMb() {
    Long configured = megabytes(MEMORY_PROPERTY, 64);
    if (configured != null) {
      return configured;
    }
    long physical =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return Math.max(512, physical / 4 / (1024 * 1024));
  }

  /** A {@code -Dproperty=N} number of megabytes, at least {@code min}; null when not set. */
  static Long megabytes(String property, long min) {
    String configured = System.getProperty(property);
    if (configured == null) {
      return null;
    }
    try {
      long mb = Long.parseLong(configured.strip());
      if (mb >= min) {
        return mb;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D"
            + property
            + " must be a number of megabytes >= "
            + min
            + ", got '"
            + configured
            + "'");
  }
}
