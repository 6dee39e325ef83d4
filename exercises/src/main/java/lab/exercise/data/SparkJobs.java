package lab.exercise.data;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * How many Spark jobs a piece of work ran: what a Java lab's checker holds a student's transform to
 * (one job a batch, as the pipeline's own), measured the same way for the reference.
 */
public final class SparkJobs {

  private SparkJobs() {}

  /** A result and the number of jobs started while it was computed. */
  public record Counted<T>(T result, int jobs) {}

  /**
   * Runs {@code work} and counts the jobs the session started meanwhile (the checker runs one thing
   * at a time on its local Spark, so every job is the work's).
   */
  public static <T> Counted<T> during(SparkSession spark, Callable<T> work) throws Exception {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      T result = work.call();
      drain(spark);
      return new Counted<>(result, jobs.get());
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  /**
   * Waits until the listeners have heard every event posted so far. Listener events arrive on
   * Spark's listener bus, after the job; its {@code waitUntilEmpty} is Spark-internal (Scala's
   * package-private is public to Java) and is what Spark's own tests wait with.
   */
  private static void drain(SparkSession spark) throws TimeoutException {
    spark.sparkContext().listenerBus().waitUntilEmpty(30_000L);
  }
}
