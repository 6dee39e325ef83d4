package lab.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java lab's student input that CourseTest's wrong answers do not cover: a class that never
 * finishes, and a file that is gone. The first runs the real Spark job with the student's class,
 * cancelled at a short limit.
 */
class JavaClassCheckerTest {

  @TempDir Path work;

  private final Lab lab = Course.load(CourseTest.LABS).lab(4);

  @Test
  void aClassThatNeverFinishesIsCancelledAtTheLimitAndSaysSo() throws IOException {
    Path file = work.resolve("Standardize.java");
    // The student's rule waits on a latch nobody counts down: it never returns (until the
    // checker gives up and interrupts it), as any rule stuck in a loop of its own.
    Files.writeString(
        file,
        lab.solution()
            .replace(
                "  public static Column email(Column raw) {\n",
                "  public static Column email(Column raw) {\n"
                    + "    try {\n"
                    + "      new java.util.concurrent.CountDownLatch(1).await();\n"
                    + "    } catch (InterruptedException e) {\n"
                    + "      Thread.currentThread().interrupt();\n"
                    + "    }\n"));
    assertThat(Files.readString(file)).contains("CountDownLatch(1).await()");

    long t0 = System.nanoTime();
    Report report =
        new JavaClassChecker(CourseFixture.data(), Duration.ofSeconds(3))
            .check(lab, file, work, work.resolve("warehouse.duckdb"));

    assertThat(report.passed()).isFalse();
    assertThat(report.problem())
        .isEqualTo(
            "the Spark job with your Standardize.java did not finish within 3 s and was"
                + " cancelled; look for a loop that never ends");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aDeletedFileSaysHowToGetItBack() {
    Report report =
        new JavaClassChecker(CourseFixture.data())
            .check(lab, work.resolve("Standardize.java"), work, work.resolve("warehouse.duckdb"));

    assertThat(report.passed()).isFalse();
    assertThat(report.problem())
        .endsWith("./lab exercise reset 4 gives you the starting file again");
  }
}
