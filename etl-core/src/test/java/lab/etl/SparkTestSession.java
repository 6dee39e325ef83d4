package lab.etl;

import org.apache.spark.sql.SparkSession;

/** One small local Spark session shared by the unit tests of this module. */
public final class SparkTestSession {

  private static SparkSession spark;

  private SparkTestSession() {}

  /** The shared session: local[2], UI off, two shuffle partitions, UTC. */
  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("etl-core-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .getOrCreate();
    }
    return spark;
  }
}
