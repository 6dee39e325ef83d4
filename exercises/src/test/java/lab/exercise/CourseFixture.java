package lab.exercise;

import java.nio.file.Path;
import lab.exercise.data.CourseData;

/** The course's data for every test of one JVM: built once into target/, as a student's is. */
public final class CourseFixture {

  private static CourseData data;

  private CourseFixture() {}

  public static synchronized CourseData data() {
    if (data == null) {
      data = CourseData.prepare(dataRoot(), System.out::println);
    }
    return data;
  }

  /** Where the tests' course data lives (reused by later runs until mvn clean). */
  public static Path dataRoot() {
    return Path.of("target", "course-data");
  }
}
