package lab.etl;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings the transform is written for, in one place: the ETL's driver and the tests
 * build their sessions with them, so a test runs the plan production runs.
 */
public final class EtlSparkConfig {

  private EtlSparkConfig() {}

  /** Adds the transform's settings to a session builder and returns it. */
  public static SparkSession.Builder applyTo(SparkSession.Builder builder) {
    return builder
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        // The transform's one projection for sixteen tables generates a whole-stage method
        // beyond Java's 64 KB limit: Spark falls back to plain projections after janino fails,
        // and a failed compile is not cached, so it was retried on every micro-batch (over half
        // of the driver's samples in a profile of small batches). Asked for directly.
        .config("spark.sql.codegen.wholeStage", "false")
        // Calendar days and timestamps are UTC, whatever the machine's zone.
        .config("spark.sql.session.timeZone", "UTC");
  }
}
