package lab.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queries lab's student input that CourseTest's wrong answers do not cover: SQL that does not
 * parse, an answer without its query, a query that never finishes, a file that is gone. Each gets
 * the line and the reason, within the statement limit (5 s in this module's tests).
 */
class AnswerCheckerTest {

  @TempDir Path work;

  private final Lab lab = Course.load(CourseTest.LABS).lab(1);

  private Report check(String answers) throws IOException {
    Path file = work.resolve("answers.sql");
    Files.writeString(file, answers);
    return new AnswerChecker(CourseFixture.data())
        .check(lab, file, work.resolve("warehouse.duckdb"));
  }

  @Test
  void aSyntaxErrorNamesTheAnswerAndTheLineOfTheFile() throws IOException {
    Report report =
        check(
            "-- answer: operations\n"
                + "SELECT 1 AS a;\n"
                + "\n"
                + "-- answer: snapshot\n"
                + "-- a question\n"
                + "SELECT table_name,\n"
                + "       count(* AS rows_read\n"
                + "FROM topic_records;\n");

    assertThat(report.passed()).isFalse();
    assertThat(report.problem())
        .startsWith("answers.sql, line 7 (the answer 'snapshot'): Parser Error: syntax error");
    assertThat(report.render()).contains("your answers.sql did not run");
  }

  @Test
  void anAnswerWithoutItsQueryOrHeaderIsRefusedWithItsLine() throws IOException {
    assertThat(
            check("-- answer: operations\n-- to do\n\n-- answer: snapshot\nSELECT 1;\n").problem())
        .isEqualTo(
            "answers.sql, line 1: the answer 'operations' needs exactly one query ending with"
                + " ';', it has 0");
    assertThat(check("SELECT 1;\n").problem())
        .isEqualTo(
            "answers.sql has no answer: each starts with a line '-- answer: <name>', then its query");
  }

  @Test
  void aQueryThatNeverFinishesIsCancelledAtTheLimit() throws IOException {
    long t0 = System.nanoTime();
    Report report =
        check(
            "-- answer: operations\n"
                + "SELECT count(*) AS n FROM topic_records a, topic_records b, topic_records c;\n");

    assertThat(report.passed()).isFalse();
    assertThat(report.problem())
        .isEqualTo(
            "the answer 'operations' ran longer than "
                + StarStepChecker.STATEMENT_LIMIT.toSeconds()
                + " s and was cancelled; look for a join without its ON condition (every row with"
                + " every row)");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void aDeletedFileSaysHowToGetItBack() {
    Report report =
        new AnswerChecker(CourseFixture.data())
            .check(lab, work.resolve("answers.sql"), work.resolve("warehouse.duckdb"));

    assertThat(report.passed()).isFalse();
    assertThat(report.problem())
        .endsWith("./lab exercise reset 1 gives you the starting file again");
  }
}
