package lab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course proves itself: for every written lab, the reference solution passes; the untouched
 * starting file is "not started", and once edited runs without passing; each known-wrong answer
 * fails with the message it was written for; the hints and README are there. Every check runs the
 * production path ({@link Exercises#check}) on the course's data.
 */
class CourseTest {

  static final Path LABS = Path.of("labs");

  @TempDir Path work;

  @Test
  void theCourseListsTwelveLabsInOrderAndEachWrittenLabReplacesItsOwnPart() {
    Course course = Course.load(LABS);

    assertThat(course.labs()).hasSize(12);
    assertThat(course.labs())
        .extracting(Lab::number)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(course.written()).isNotEmpty();
    assertThat(new HashSet<>(course.written().stream().map(Lab::seam).toList()))
        .hasSameSizeAs(course.written());
  }

  @TestFactory
  List<DynamicContainer> everyWrittenLab() {
    List<DynamicContainer> labs = new ArrayList<>();
    for (Lab lab : Course.load(LABS).written()) {
      List<org.junit.jupiter.api.DynamicNode> tests = new ArrayList<>();
      tests.add(
          dynamicTest(
              "has a README, hints, a starting file, a solution and checks",
              () -> hasItsParts(lab)));
      tests.add(
          dynamicTest(
              "every figure the README quotes is the reference's", () -> figuresAreReal(lab)));
      tests.add(
          dynamicTest(
              "the untouched starting file is not started", () -> untouchedIsNotStarted(lab)));
      tests.add(
          dynamicTest(
              "the starting file, edited, runs and does not pass", () -> editedStartFails(lab)));
      tests.add(dynamicTest("the reference solution passes", () -> solutionPasses(lab)));
      if (lab.kind() == Lab.Kind.STAR_STEP) {
        tests.add(
            dynamicTest(
                "the reference solution passes with the changes in random cuts (--strict)",
                () -> solutionPassesStrict(lab)));
      }
      for (Lab.WrongAnswer wrong : lab.wrongAnswers()) {
        tests.add(
            dynamicTest(
                "wrong answer " + wrong.file().getFileName() + " fails: " + wrong.expectedMessage(),
                () -> wrongAnswerFails(lab, wrong)));
      }
      labs.add(DynamicContainer.dynamicContainer("lab " + lab.number() + " " + lab.name(), tests));
    }
    return labs;
  }

  private void hasItsParts(Lab lab) {
    assertThat(lab.readme()).isRegularFile();
    assertThat(lab.startFile()).isRegularFile();
    assertThat(lab.solution()).isNotBlank();
    assertThat(lab.hints())
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(h -> assertThat(h).isNotBlank());
    assertThat(lab.checks()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(lab.wrongAnswers()).hasSizeGreaterThanOrEqualTo(2);
  }

  /**
   * The README's figures come from the reference: each result of the lab's figures.sql on the
   * reference warehouse (a queries lab: its own answers) is in the README, and every count the
   * README writes with a thousands separator (the way it quotes data) is one of them.
   */
  private void figuresAreReal(Lab lab) throws IOException, SQLException {
    String readme = Files.readString(lab.readme());
    List<String> figures = new ArrayList<>();
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    Path reference =
        lab.kind() == Lab.Kind.QUERIES
            ? new AnswerChecker(CourseFixture.data())
                .reference(lab, Files.createTempDirectory(work, "answers").resolve("ref.duckdb"))
            : CourseFixture.data().reference(lab.delivery());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + reference, readOnly);
        Statement s = c.createStatement()) {
      for (String query : lab.figureQueries()) {
        try (ResultSet rs = s.executeQuery(query)) {
          while (rs.next()) {
            figures.add(rs.getString(1));
          }
        }
      }
    }
    for (String figure : figures) {
      assertThat(readme.replaceAll("\\s+", " ")).as(lab.readme().toString()).contains(figure);
    }
    Matcher quoted = Pattern.compile("\\b\\d{1,3}(,\\d{3})+\\b").matcher(readme);
    while (quoted.find()) {
      String number = quoted.group();
      assertThat(figures)
          .as("%s quotes %s; figures.sql must compute it", lab.readme(), number)
          .anyMatch(f -> f.startsWith(number + " ") || f.equals(number));
    }
  }

  private void untouchedIsNotStarted(Lab lab) throws IOException {
    Workspace ws = workspace();
    ws.start(lab);

    Report report = Exercises.check(lab, ws, m -> {});

    assertThat(report.notStarted()).isTrue();
    assertThat(report.passed()).isFalse();
    assertThat(report.render())
        .contains("not started: your " + lab.fileToEdit() + " is still the starting file");
  }

  private void editedStartFails(Lab lab) throws IOException {
    Workspace ws = workspace();
    ws.start(lab);
    Files.writeString(ws.file(lab), lab.comment() + "my first edit\n", StandardOpenOption.APPEND);

    Report report = check(lab, ws);

    assertThat(report.problem()).as(report.render()).isNull();
    assertThat(report.passed()).as(report.render()).isFalse();
    assertThat(report.passing()).isLessThan(report.results().size());
  }

  private void solutionPasses(Lab lab) throws IOException {
    Workspace ws = workspace();
    ws.replace(lab, lab.solution());

    Report report = check(lab, ws);

    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.results()).hasSameSizeAs(lab.checks());
  }

  private void solutionPassesStrict(Lab lab) throws IOException {
    Workspace ws = workspace();
    ws.replace(lab, lab.solution());

    Report report = Exercises.check(lab, ws, m -> {}, true);

    assertThat(report.passed()).as(report.render()).isTrue();
  }

  private void wrongAnswerFails(Lab lab, Lab.WrongAnswer wrong) throws IOException {
    Workspace ws = workspace();
    ws.replace(lab, wrong.content());

    if (wrong.strict()) {
      Report oneBatch = check(lab, ws);
      assertThat(oneBatch.passed()).as("passes in one batch: %s", oneBatch.render()).isTrue();
    }
    Report report = Exercises.check(lab, ws, m -> {}, wrong.strict());

    assertThat(report.passed()).isFalse();
    assertThat(report.render()).as(report.render()).contains(wrong.expectedMessage());
  }

  private Report check(Lab lab, Workspace ws) throws IOException {
    CourseFixture.data();
    return Exercises.check(lab, ws, m -> {});
  }

  private Workspace workspace() throws IOException {
    return new Workspace(Files.createTempDirectory(work, "ws"), CourseFixture.dataRoot());
  }
}
