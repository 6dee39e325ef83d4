package lab.exercise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import lab.exercise.data.CourseData;

/** Checking a lab for a student: the status before any check runs, then the lab's checker. */
public final class Exercises {

  private Exercises() {}

  /**
   * Checks the student's file of {@code lab} in {@code ws}; {@code progress} hears about the
   * course's data being built (the first check only).
   */
  public static Report check(Lab lab, Workspace ws, Consumer<String> progress) throws IOException {
    return check(lab, ws, progress, false);
  }

  /** As {@link #check(Lab, Workspace, Consumer)}, in random batch cuts when {@code strict}. */
  public static Report check(Lab lab, Workspace ws, Consumer<String> progress, boolean strict)
      throws IOException {
    if (!Files.exists(ws.file(lab)) && !Progress.load(ws.dir()).started(lab)) {
      return notStarted(lab, "run ./lab exercise start " + lab.number() + " first");
    }
    if (ws.untouched(lab)) {
      return notStarted(
          lab,
          "your "
              + lab.fileToEdit()
              + " is still the starting file; the task is in "
              + shown(lab.readme()));
    }
    CourseData data = CourseData.prepare(ws.data(), progress);
    return switch (lab.kind()) {
      case STAR_STEP, MERGE ->
          new StarStepChecker(data).check(lab, ws.file(lab), ws.warehouse(lab), strict);
      case JAVA_CLASS ->
          new JavaClassChecker(data).check(lab, ws.file(lab), ws.labDir(lab), ws.warehouse(lab));
      case QUERIES -> new AnswerChecker(data).check(lab, ws.file(lab), ws.warehouse(lab));
      case PLANNED -> throw new CourseException("lab " + lab.number() + " is not written yet");
    };
  }

  /** A path as the student types it: relative to where they are, when it is below. */
  static String shown(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  private static Report notStarted(Lab lab, String why) {
    return new Report(lab, true, why, List.of(), Duration.ZERO);
  }
}
