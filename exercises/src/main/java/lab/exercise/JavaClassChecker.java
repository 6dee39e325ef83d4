package lab.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import lab.etl.ChangeStreamTransform;
import lab.exercise.data.CourseData;
import lab.exercise.data.SparkJobs;
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

  /** The staging's result when the plan alone failed, and the transform was not run. */
  private static final int NOT_RUN = -1;

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
      return Report.missing(lab, file);
    }
    String className = lab.seam();
    URLClassLoader student;
    try {
      student = StudentClass.compile(file, className, workDir.resolve("build"));
    } catch (StudentClass.CompileError e) {
      return failed(lab, e.getMessage(), t0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compile into " + workDir, e);
    }
    try {
      return checkCompiled(lab, file, workDir, warehouse, className, student, t0);
    } finally {
      try {
        student.close();
      } catch (IOException e) {
        // The report is made; a loader over local files that fails to close only keeps them
        // open until the JVM ends, and the next check makes a new one.
      }
    }
  }

  private Report checkCompiled(
      Lab lab,
      Path file,
      Path workDir,
      Path warehouse,
      String className,
      ClassLoader student,
      long t0) {
    try {
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
    } catch (ClassNotFoundException | LinkageError e) {
      return failed(lab, file.getFileName() + " cannot be loaded: " + e, t0);
    }
    Path staged = workDir.resolve("changes");
    Map<String, CheckRunner.Fact> facts = new HashMap<>();
    String problem = stage(student, className, file, staged, facts);
    if (problem != null) {
      return failed(lab, problem, t0);
    }
    if (!facts.containsKey("spark_jobs")) {
      return new Report(lab, false, null, planOnly(lab, facts), since(t0));
    }
    try {
      data.buildWarehouse(warehouse, StarSteps.defaults(), staged);
    } catch (SQLException e) {
      return failed(
          lab,
          "the star could not be built from the changes your class produced: "
              + CheckRunner.firstLine(e.getMessage()),
          t0);
    }
    List<CheckResult> results =
        CheckRunner.run(
            lab, warehouse, data.reference(), String.join("\n", Lab.lines(file)), facts);
    return new Report(lab, false, null, results, since(t0));
  }

  /**
   * Runs the Spark job's staging with the student's class in place, within the time limit; returns
   * what went wrong, or null.
   */
  private String stage(
      ClassLoader student,
      String className,
      Path file,
      Path staged,
      Map<String, CheckRunner.Fact> facts) {
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
      Future<Integer> run =
          runner.submit(
              () -> {
                facts.put(
                    "input_scans",
                    new CheckRunner.Fact(
                        inputScans(transform(student, records)),
                        inputScans(ChangeStreamTransform.transform(records))));
                if (facts.get("input_scans").yours() > facts.get("input_scans").reference()) {
                  return NOT_RUN;
                }
                Method stage =
                    student
                        .loadClass("lab.streaming.spark.BatchWriter")
                        .getMethod("stage", Dataset.class, Path.class);
                return SparkJobs.during(spark, () -> stage.invoke(null, records, staged)).jobs();
              });
      try {
        int jobs = run.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (jobs != NOT_RUN) {
          facts.put("spark_jobs", new CheckRunner.Fact(jobs, data.referenceSparkJobs()));
        }
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

  /**
   * The checks of a transform whose plan reads the batch more often than the pipeline's own: the
   * plan's check, and the others not run (such a plan is slow on the course's data: checked in
   * full, lab 11's starting file took 88 s here, the reference solution 33 s).
   */
  private static List<CheckResult> planOnly(Lab lab, Map<String, CheckRunner.Fact> facts) {
    CheckRunner.Fact scans = facts.get("input_scans");
    String planCheck =
        lab.checks().stream()
            .filter(JavaClassChecker::readsPlan)
            .map(Check::title)
            .findFirst()
            .orElse("");
    String notRun =
        "not run: your plan reads the batch "
            + scans.yours()
            + " times (the pipeline's: "
            + scans.reference()
            + "), which takes minutes on the course's data; the checker runs your transform once"
            + " it reads the batch once (see '"
            + planCheck
            + "')";
    List<CheckResult> results = new ArrayList<>();
    for (Check check : lab.checks()) {
      results.add(
          readsPlan(check)
              ? CheckRunner.fact(check, scans)
              : new CheckResult(check.title(), false, notRun));
    }
    return results;
  }

  private static boolean readsPlan(Check check) {
    return check.kind() == Check.Kind.FACT && check.argument().equals("input_scans");
  }

  /** The pipeline's transform as the student's build has it (theirs, or ours calling theirs). */
  private static Dataset<Row> transform(ClassLoader student, Dataset<Row> records)
      throws ReflectiveOperationException {
    @SuppressWarnings("unchecked")
    Dataset<Row> out =
        (Dataset<Row>)
            student
                .loadClass(ChangeStreamTransform.class.getName())
                .getMethod("transform", Dataset.class)
                .invoke(null, records);
    return out;
  }

  /**
   * How many times a transform's plan reads its input (the batch's records, a local relation here):
   * once when each record is parsed once for all tables. Read from the plan as the transform built
   * it, before Spark analyses it: analysing and optimising a plan of a branch per table took longer
   * than the time limit here, which is the lesson's point.
   */
  static long inputScans(Dataset<Row> transformed) {
    String plan = transformed.queryExecution().logical().toString();
    return Pattern.compile("LocalRelation").matcher(plan).results().count();
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
    return new Report(lab, false, message, List.of(), since(t0));
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
