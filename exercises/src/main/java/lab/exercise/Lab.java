package lab.exercise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import lab.exercise.data.CourseData;
import lab.warehouse.sink.StarSink;
import lab.warehouse.sql.SqlScript;
import lab.warehouse.star.StarSteps;

/**
 * One lab of the course: a folder with its README, hints, the student's starting file, known-wrong
 * answers and the checks; the reference solution is the pipeline's own step or class.
 *
 * @param seam what the student's file takes the place of: a star step's name (a star-step lab) or a
 *     class's fully qualified name (a java-class lab), a shop table (a merge lab); for a queries
 *     lab, the file of answers
 * @param typicalCheck how long a check takes, as measured when the lab was written
 * @param delivery how the course's changes reach the student's warehouse
 */
public record Lab(
    int number,
    String name,
    String title,
    Kind kind,
    String seam,
    int minutes,
    String typicalCheck,
    CourseData.Delivery delivery,
    Path dir) {

  /** How the student's work plugs into the pipeline. */
  public enum Kind {
    /** Not written yet: listed so the course's order is visible. */
    PLANNED,
    /** One star step in SQL, run by the production sink in place of the lab's own. */
    STAR_STEP,
    /** One Java class of the pipeline, compiled and run by the Spark job in place of its own. */
    JAVA_CLASS,
    /** The change layer's merge of one shop table, in SQL, run by the sink in place of its own. */
    MERGE,
    /**
     * Questions answered as queries over the captured topics, each compared with the lab's own
     * answer: there is no part of the pipeline to replace, the lesson is reading what it reads.
     */
    QUERIES;

    static Kind named(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CourseException(
            "unknown kind of lab '" + name + "' (known: star-step, java-class, merge, queries)");
      }
    }
  }

  /**
   * A known-wrong answer: the reference solution with one edit, and the part of the message it must
   * get; a strict one passes with the changes in one batch and fails only in random cuts ({@code
   * check --strict}).
   */
  public record WrongAnswer(Path file, String expectedMessage, String content, boolean strict) {}

  public boolean written() {
    return kind != Kind.PLANNED;
  }

  /** How a comment starts in the student's file: {@code -- } in SQL, {@code // } in Java. */
  public String comment() {
    return kind == Kind.JAVA_CLASS ? "// " : "-- ";
  }

  /** {@code NN-name}, the lab's folder and working folder. */
  public String folder() {
    return dir.getFileName().toString();
  }

  /** The file the student edits. */
  public String fileToEdit() {
    return switch (kind) {
      case PLANNED -> null;
      case STAR_STEP -> seam + ".sql";
      case JAVA_CLASS -> seam.substring(seam.lastIndexOf('.') + 1) + ".java";
      case MERGE -> "merge_" + seam + ".sql";
      case QUERIES -> seam;
    };
  }

  public Path readme() {
    return dir.resolve("README.md");
  }

  public Path startFile() {
    return dir.resolve("start").resolve(fileToEdit());
  }

  /**
   * The reference solution: the pipeline's own step or class, the one it runs (a class's source is
   * copied from its module into the course's classpath by the build, under {@code solutions/}); a
   * queries lab's own answers, in its folder's {@code solution/}.
   */
  public String solution() {
    return switch (kind) {
      case PLANNED -> throw new CourseException("lab " + number + " is not written yet");
      case STAR_STEP -> StarSteps.builtInSql(seam);
      case JAVA_CLASS -> javaSource(seam);
      case MERGE -> mergeSql(seam);
      case QUERIES -> String.join("\n", lines(dir.resolve("solution").resolve(seam))) + "\n";
    };
  }

  /** The sink's own merge of a table, written out, under a header that says what it is. */
  private static String mergeSql(String table) {
    try {
      return "-- The merge of "
          + table
          + "'s changes into cur_"
          + table
          + ", as the sink generates it from the\n"
          + "-- warehouse's DDL (StarSink.mergeSql): the statements it runs for every batch.\n\n"
          + StarSink.mergeSql(table);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write out the merge of " + table, e);
    }
  }

  private static String javaSource(String className) {
    String resource = "solutions/" + className.replace('.', '/') + ".java";
    try (InputStream in = Lab.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the course's classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The queries whose results are the figures the README quotes ({@code figures.sql}, run on the
   * reference warehouse; each row's one column is a figure as the README writes it, e.g. {@code
   * 1,261 addresses}). A lab whose README quotes no figure has none.
   */
  public List<String> figureQueries() {
    Path file = dir.resolve("figures.sql");
    return Files.isRegularFile(file)
        ? SqlScript.statements(String.join("\n", lines(file)))
        : List.of();
  }

  /** The hints, gentle to nearly the answer: the sections of {@code hints.md}. */
  public List<String> hints() {
    List<String> hints = new ArrayList<>();
    StringBuilder current = null;
    for (String line : lines(dir.resolve("hints.md"))) {
      if (line.startsWith("## ")) {
        if (current != null) {
          hints.add(current.toString().strip());
        }
        current = new StringBuilder();
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      hints.add(current.toString().strip());
    }
    return hints;
  }

  /** The checks, in the order of their files' names. */
  public List<Check> checks() {
    return files(dir.resolve("checks"), ".sql").stream().map(Check::read).toList();
  }

  /**
   * The known-wrong answers: {@code wrong/*.edit}, each the solution with one mistake made, so the
   * mistake is all the file shows:
   *
   * <pre>
   * -- expect: <the part of the message it must get>
   * -- strict: <optional: it passes in one batch and fails only with check --strict>
   * -- <what is wrong, in a sentence>
   * -- replace:
   * <lines of the solution>
   * -- with:
   * <the wrong lines>
   * </pre>
   */
  public List<WrongAnswer> wrongAnswers() {
    List<WrongAnswer> out = new ArrayList<>();
    for (Path file : files(dir.resolve("wrong"), ".edit")) {
      List<String> lines = lines(file);
      String first = lines.isEmpty() ? "" : lines.get(0);
      int replace = lines.indexOf("-- replace:");
      int with = lines.indexOf("-- with:");
      if (!first.startsWith("-- expect:") || replace < 0 || with < replace) {
        throw new CourseException(
            file
                + " must be '-- expect: <message>', then '-- replace:' <lines>, '-- with:' <lines>");
      }
      String old = String.join("\n", lines.subList(replace + 1, with));
      String wrong = String.join("\n", lines.subList(with + 1, lines.size()));
      String solution = solution();
      if (old.isEmpty()
          || solution.indexOf(old) < 0
          || solution.indexOf(old) != solution.lastIndexOf(old)) {
        throw new CourseException(file + ": the lines to replace must occur once in the solution");
      }
      out.add(
          new WrongAnswer(
              file,
              first.substring("-- expect:".length()).strip(),
              solution.replace(old, wrong),
              lines.size() > 1 && lines.get(1).startsWith("-- strict:")));
    }
    return out;
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CourseException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
