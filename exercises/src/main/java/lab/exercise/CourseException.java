package lab.exercise;

/** A problem the student can fix, reported as one clear line (exit code 2). */
public final class CourseException extends RuntimeException {
  public CourseException(String message) {
    super(message);
  }
}
