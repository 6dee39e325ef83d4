package lab.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.exercise.data.CourseData;
import lab.warehouse.star.StarSteps;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks a Java lab: the student's class is compiled and put in place of the pipeline's own class
 * of that name ({@link StudentClass}), the Spark job's own transform and staging ({@code
 * BatchWriter.stage}) run on the course's change log with it on local Spark, the production sink
 * builds a warehouse from what it staged, and the lab's checks compare that warehouse with the
 * reference. Nothing of the pipeline is re-written for the course: only the one class is theirs.
 */
public final class JavaClassChecker {

  /**
   * Longest the Spark job may run with a student's class before it is cancelled: 60 s (it takes
   * about 10 s here), or {@code -Dlab.exercise.spark-limit-s}.
   */
  static final Duration SPARK_LIMIT =
      Duration.ofSeconds(Long.getLong("lab.exercise.spark-limit-s", 60));

  private final CourseData data;
  private final Duration limit;

  public JavaClassChecker(CourseData data) {
    this(data, SPARK_LIMIT);
  }

  JavaClassChecker(CourseData data, Duration limit) {
    this.data = data;
    this.limit = limit;
  }

  /**
   * Runs the lab's checks on {@code file}; {@code workDir} holds the student's build, their staged
   * changes and {@code warehouse}.
   */
  public Report check(Lab lab, Path file, Path workDir, Path warehouse) {
    long t0 = System.nanoTime();
    if (!Files.isRegularFile(file)) {
      return failed(
          lab,
          file
              + " is missing; ./lab exercise reset "
              + lab.number()
              + " gives you the starting file again",
          t0);
    }
    String className = lab.seam();
    ClassLoader student;
    try {
      student = StudentClass.compile(file, className, workDir.resolve("build"));
      List<String> missing = StudentClass.missingMethods(className, student);
      if (!missing.isEmpty()) {
        return failed(
            lab,
            "the Spark job calls methods your "
                + file.getFileName()
                + " does not have (keep the starting file's signatures): "
                + String.join("; ", missing),
            t0);
      }
    } catch (StudentClass.CompileError e) {
      return failed(lab, e.getMessage(), t0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compile into " + workDir, e);
    } catch (ClassNotFoundException | LinkageError e) {
      return failed(lab, file.getFileName() + " cannot be loaded: " + e, t0);
    }
    Path staged = workDir.resolve("changes");
    String problem = stage(student, className, file, staged);
    if (problem != null) {
      return failed(lab, problem, t0);
    }
    try {
      data.buildWarehouse(warehouse, StarSteps.defaults(), staged);
    } catch (SQLException e) {
      return failed(
          lab,
          "the star could not be built from the changes your class standardized: "
              + CheckRunner.firstLine(e.getMessage()),
          t0);
    }
    List<CheckResult> results =
        CheckRunner.run(lab, warehouse, data.reference(), String.join("\n", Lab.lines(file)));
    return new Report(lab, false, null, results, Duration.ofNanos(System.nanoTime() - t0));
  }

  /**
   * Runs the Spark job's staging with the student's class in place, within the time limit; returns
   * what went wrong, or null.
   */
  private String stage(ClassLoader student, String className, Path file, Path staged) {
    SparkSession spark = CourseData.spark();
    Dataset<Row> records = data.kafkaRecords(spark);
    ExecutorService runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "student-" + className);
              // A class stuck in a loop of its own cannot be stopped; it must not keep the JVM.
              t.setDaemon(true);
              t.setContextClassLoader(student);
              return t;
            });
    try {
      Future<?> run =
          runner.submit(
              () -> {
                student
                    .loadClass("lab.streaming.spark.BatchWriter")
                    .getMethod("stage", Dataset.class, Path.class)
                    .invoke(null, records, staged);
                return null;
              });
      try {
        run.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        return null;
      } catch (TimeoutException e) {
        spark.sparkContext().cancelAllJobs();
        run.cancel(true);
        return "the Spark job with your "
            + file.getFileName()
            + " did not finish within "
            + limit.toSeconds()
            + " s and was cancelled; look for a loop that never ends";
      } catch (ExecutionException e) {
        return explain(e.getCause(), className, file);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    } finally {
      runner.shutdownNow();
    }
  }

  /** What failed while the transform ran: Spark's reason, and the line of theirs it points at. */
  private static String explain(Throwable failure, String className, Path file) {
    Throwable cause = failure;
    while (cause instanceof InvocationTargetException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    int line = StudentClass.lineIn(cause, className);
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    String where = line > 0 ? file.getFileName() + ", line " + line + ": " : "";
    return "the Spark job failed with your "
        + file.getFileName()
        + ": "
        + where
        + cause.getClass().getSimpleName()
        + ": "
        + CheckRunner.firstLine(reason).strip();
  }

  private static Report failed(Lab lab, String message, long t0) {
    return new Report(lab, false, message, List.of(), Duration.ofNanos(System.nanoTime() - t0));
  }
}
