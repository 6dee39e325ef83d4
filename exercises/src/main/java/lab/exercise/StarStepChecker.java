package lab.exercise;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.exercise.data.CourseData;
import lab.warehouse.star.StarStep;
import lab.warehouse.star.StarStepException;
import lab.warehouse.star.StarSteps;

/**
 * Checks a star-step lab: the production sink builds a warehouse from the course's data with the
 * student's file in place of the lab's own step (a merge lab: in place of the sink's merge of one
 * table), then each of the lab's checks runs on it with the reference warehouse beside it ({@code
 * ref}); a lab whose changes arrive in two batches also sees both warehouses as the first batch
 * left them ({@code early}, {@code ref_early}). The student's warehouse is theirs (in their working
 * folder); the reference is only read.
 */
public final class StarStepChecker {

  /**
   * Longest a statement of the student's may run before it is cancelled: 60 s, or {@code
   * -Dlab.exercise.statement-limit-s} (the course's own test sets a shorter one).
   */
  static final Duration STATEMENT_LIMIT =
      Duration.ofSeconds(Long.getLong("lab.exercise.statement-limit-s", 60));

  private static final Pattern DUCKDB_LINE = Pattern.compile("LINE (\\d+):");

  private final CourseData data;

  public StarStepChecker(CourseData data) {
    this.data = data;
  }

  /** Runs the lab's checks on {@code file}; {@code warehouse} is where the student's star goes. */
  public Report check(Lab lab, Path file, Path warehouse) {
    return check(lab, file, warehouse, false);
  }

  /**
   * As {@link #check(Lab, Path, Path)}; {@code strict} delivers a one-batch lab's changes in random
   * cuts instead ({@link CourseData.Delivery#CUTS}), and the star must still be the reference's: a
   * step must rebuild from the change layer, not from what its batch brought.
   */
  public Report check(Lab lab, Path file, Path warehouse, boolean strict) {
    long t0 = System.nanoTime();
    if (!Files.isRegularFile(file)) {
      return Report.missing(lab, file);
    }
    String sql = read(file);
    StarSteps steps;
    try {
      steps =
          (lab.kind() == Lab.Kind.MERGE
                  ? StarSteps.defaults()
                      .replaceMerge(lab.seam(), StarStep.fromFile("merge_" + lab.seam(), file))
                  : StarSteps.defaults().replace(StarStep.fromFile(lab.seam(), file)))
              .withStatementTimeout(STATEMENT_LIMIT);
    } catch (IllegalArgumentException e) {
      return new Report(lab, false, e.getMessage(), List.of(), since(t0));
    }
    try {
      data.buildWarehouse(warehouse, steps, delivery(lab, strict));
    } catch (SQLException e) {
      return new Report(lab, false, explain(e, file), List.of(), since(t0));
    }
    List<CheckResult> results =
        CheckRunner.run(lab, warehouse, data.reference(lab.delivery()), sql);
    return new Report(lab, false, null, results, since(t0));
  }

  /** The cuts replace a single batch only; a lab with its own delivery keeps it. */
  static CourseData.Delivery delivery(Lab lab, boolean strict) {
    return strict && lab.delivery() == CourseData.Delivery.ONE_BATCH
        ? CourseData.Delivery.CUTS
        : lab.delivery();
  }

  /**
   * The student's SQL failed inside the batch: DuckDB's reason, and the line of their file it
   * points at (the statement's first line, plus DuckDB's "LINE n" within it).
   */
  static String explain(SQLException e, Path file) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (message.contains("Interrupted") || message.contains("INTERRUPT")) {
      return "a statement ran longer than "
          + STATEMENT_LIMIT.toSeconds()
          + " s and was cancelled; look for a join without its ON condition (every row with"
          + " every row)";
    }
    if (!(e instanceof StarStepException failed)) {
      return firstLine(message);
    }
    Matcher within = DUCKDB_LINE.matcher(failed.reason());
    int line =
        failed.statement().line() + (within.find() ? Integer.parseInt(within.group(1)) - 1 : 0);
    return file.getFileName() + ", line " + line + ": " + firstLine(failed.reason()).strip();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static String read(Path file) {
    return String.join("\n", Lab.lines(file)) + "\n";
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
