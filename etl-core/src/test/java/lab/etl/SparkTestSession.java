package lab.etl;

import org.apache.spark.sql.SparkSession;

/** One small local Spark session shared by the unit tests of this module. */
public final class SparkTestSession {

  private static SparkSession spark;

  private SparkTestSession() {}

  /** The shared session: local[2] with the ETL driver's settings ({@link EtlSparkConfig}). */
  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          EtlSparkConfig.applyTo(
                  SparkSession.builder().master("local[2]").appName("etl-core-tests"))
              .getOrCreate();
    }
    return spark;
  }
}
