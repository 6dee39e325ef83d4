package lab.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab exercise} as a student uses it: list, start, check, hint, solution, reset. */
class ExerciseMainTest {

  @TempDir Path work;

  @BeforeEach
  void courseData() {
    CourseFixture.data();
  }

  @Test
  void aStudentStartsALabFailsItAppliesTheSolutionAndPassesIt() throws Exception {
    Lab first = Course.load(CourseTest.LABS).written().get(0);
    assertThat(first.number()).isNotEqualTo(6);
    Result list = run("list");
    assertThat(list.code).isZero();
    assertThat(list.out)
        .contains("  6  SCD type 2: customer versions")
        .contains("not started")
        .contains("planned (not written yet)")
        .contains(
            "next: lab "
                + first.number()
                + ", "
                + first.title()
                + " (./lab exercise start "
                + first.number()
                + ")");

    Result start = run("start", "6");
    assertThat(start.code).isZero();
    assertThat(start.out).contains("your file: ").contains("customer_versions.sql");
    assertThat(work.resolve("06-scd2/customer_versions.sql")).isRegularFile();

    Result untouched = run("check", "6");
    assertThat(untouched.code).isEqualTo(1);
    assertThat(untouched.out)
        .contains("not started: your customer_versions.sql is still the starting file");

    Files.writeString(
        work.resolve("06-scd2/customer_versions.sql"),
        Files.readString(work.resolve("06-scd2/customer_versions.sql")) + "-- edited\n");
    Result failing = run("check", "6");
    assertThat(failing.code).isEqualTo(1);
    assertThat(failing.out)
        .contains("✗ A customer who moves gets a new version")
        .contains("checks pass");
    assertThat(run("list").out)
        .containsPattern("6  SCD type 2: customer versions +started: \\d of 7 checks pass");

    Result applied = run("solution", "6", "--apply", "--yes");
    assertThat(applied.code).isZero();
    assertThat(applied.out).contains("copied the solution to").contains("yours is kept in");

    Result passing = run("check", "6");
    assertThat(passing.code).as(passing.out).isZero();
    assertThat(passing.out)
        .contains("7 of 7 checks pass")
        .contains("lab 6 passed")
        .contains("next: lab " + first.number() + ",");

    Result after = run("list");
    assertThat(after.out)
        .containsPattern("6  SCD type 2: customer versions +passed")
        .contains("next: lab " + first.number() + ",");
  }

  @Test
  void hintsGoFromGentleToTheLastAndSaySo() {
    List<String> hints = Course.load(CourseTest.LABS).lab(6).hints();

    Result first = run("hint", "6");
    Result second = run("hint", "6");
    for (int i = 2; i < hints.size(); i++) {
      run("hint", "6");
    }
    Result beyond = run("hint", "6");

    assertThat(first.out)
        .startsWith("lab 6, hint 1 of " + hints.size())
        .contains(hints.get(0).lines().findFirst().orElseThrow());
    assertThat(second.out).startsWith("lab 6, hint 2 of " + hints.size());
    assertThat(beyond.out)
        .startsWith("lab 6, hint " + hints.size() + " of " + hints.size())
        .contains("that was the last hint");
  }

  @Test
  void theSolutionOfALabNotPassedIsShownOnlyWhenTheStudentSaysSo() {
    Result no = answering("n\n", "solution", "8");
    Result yes = answering("y\n", "solution", "8");
    Result noAnswer = answering("", "solution", "8");

    assertThat(no.out)
        .contains("has not passed yet; see the solution anyway? [y/N]")
        .contains("kept it hidden")
        .doesNotContain("INSERT INTO");
    assertThat(yes.out).contains("INSERT INTO customer_activity");
    assertThat(noAnswer.code).isEqualTo(2);
    assertThat(noAnswer.err).contains("use --yes");
  }

  @Test
  void resetRestoresTheStartingFileAndKeepsTheStudentsAsABackup() throws Exception {
    run("start", "8");
    Path mine = work.resolve("08-features/customer_activity.sql");
    Files.writeString(mine, "-- my work\n");

    Result reset = run("reset", "8");

    assertThat(reset.out).contains("restored the starting file").contains("yours is kept in");
    assertThat(mine).hasSameTextualContentAs(Course.load(CourseTest.LABS).lab(8).startFile());
    try (var files = Files.list(mine.getParent())) {
      List<Path> backups = files.filter(f -> f.toString().endsWith(".bak")).toList();
      assertThat(backups).singleElement().satisfies(b -> assertThat(b).hasContent("-- my work"));
    }
  }

  @Test
  void aDeletedFileALabNotWrittenAndANumberOutOfRangeGetClearMessages() throws Exception {
    run("start", "8");
    Files.delete(work.resolve("08-features/customer_activity.sql"));

    Result deleted = run("check", "8");
    Result planned = run("start", "9");
    Result outOfRange = run("check", "13");

    assertThat(deleted.code).isEqualTo(1);
    assertThat(deleted.out)
        .contains(
            "customer_activity.sql is missing; ./lab exercise reset 8 gives you the starting file again");
    assertThat(planned.code).isEqualTo(2);
    assertThat(planned.err)
        .contains(
            "error: lab 9 (OLTP vs OLAP: plans, indexes, HTAP) is planned but not written yet");
    assertThat(outOfRange.code).isEqualTo(2);
    assertThat(outOfRange.err).contains("error: there is no lab 13; the course has labs 1 to 12");
  }

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    return answering(null, args);
  }

  /** Runs a command with {@code stdin} as what the student types (null: nothing asked). */
  private Result answering(String stdin, String... args) {
    ExerciseMain main = new ExerciseMain();
    if (stdin != null) {
      main.stdin = new BufferedReader(new StringReader(stdin));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all =
        new ArrayList<>(
            List.of(
                "--labs",
                CourseTest.LABS.toString(),
                "--work",
                work.toString(),
                "--data",
                CourseFixture.dataRoot().toString()));
    all.addAll(List.of(args));
    int code =
        ExerciseMain.commandLine(main)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }
}
