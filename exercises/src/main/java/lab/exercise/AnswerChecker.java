package lab.exercise;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.exercise.data.CourseData;
import lab.warehouse.sql.SqlScript;

/**
 * Checks a queries lab: the course's change log is loaded as the captured topics' records ({@code
 * topic_records}: topic, partition, offset, key and value as JSON, a tombstone's value NULL), each
 * answer of the student's file becomes a table {@code answer_<name>}, the lab's own answers the
 * same in a reference database beside it ({@code ref}), and the lab's checks compare them.
 *
 * <p>An answers file is a section a question, each a header line and one query:
 *
 * <pre>
 * -- answer: operations
 * -- (the question, in comments)
 * SELECT ...;
 * </pre>
 */
public final class AnswerChecker {

  /** The table the answers read: the capture's records, as Kafka holds them. */
  public static final String RECORDS = "topic_records";

  private static final Pattern HEADER = Pattern.compile("(?m)^--\\s*answer:\\s*(\\S*)\\s*$");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern DUCKDB_LINE = Pattern.compile("LINE (\\d+):");

  private final CourseData data;

  public AnswerChecker(CourseData data) {
    this.data = data;
  }

  /** One answer of a file: its name, its query, and the line of the file the query starts on. */
  record Answer(String name, String sql, int line) {}

  /** A file's answers could not run: which line, and why. */
  static final class AnswerException extends Exception {
    AnswerException(String message) {
      super(message);
    }
  }

  /** Runs the lab's checks on the answers in {@code file}; {@code db} is where they are built. */
  public Report check(Lab lab, Path file, Path db) {
    long t0 = System.nanoTime();
    if (!Files.isRegularFile(file)) {
      return Report.missing(lab, file);
    }
    Path reference = db.resolveSibling("reference.duckdb");
    String source = String.join("\n", Lab.lines(file)) + "\n";
    try {
      Path own = Path.of("solution", lab.fileToEdit());
      build(reference, answers(lab.solution(), own), own, data.changeLog());
      build(db, answers(source, file.getFileName()), file.getFileName(), data.changeLog());
    } catch (AnswerException e) {
      return new Report(lab, false, e.getMessage(), List.of(), since(t0));
    }
    return new Report(lab, false, null, CheckRunner.run(lab, db, reference, source), since(t0));
  }

  /**
   * Builds the lab's own answers into {@code db} (replacing it): what the checks compare with, and
   * what the figures its README quotes are read from.
   */
  public Path reference(Lab lab, Path db) {
    try {
      Path own = Path.of("solution", lab.fileToEdit());
      build(db, answers(lab.solution(), own), own, data.changeLog());
    } catch (AnswerException e) {
      throw new CourseException(
          "lab " + lab.number() + "'s own answers do not run: " + e.getMessage());
    }
    return db;
  }

  /** The answers of a file, in order; a section without a name or a query is refused. */
  static List<Answer> answers(String source, Path file) throws AnswerException {
    record Section(String name, int line, int bodyStart, int bodyEnd) {}
    List<Section> sections = new ArrayList<>();
    Matcher header = HEADER.matcher(source);
    while (header.find()) {
      if (!sections.isEmpty()) {
        Section last = sections.remove(sections.size() - 1);
        sections.add(new Section(last.name(), last.line(), last.bodyStart(), header.start()));
      }
      sections.add(new Section(header.group(1), lineOf(source, header.start()), header.end(), -1));
    }
    if (sections.isEmpty()) {
      throw new AnswerException(
          file + " has no answer: each starts with a line '-- answer: <name>', then its query");
    }
    Map<String, Answer> out = new LinkedHashMap<>();
    for (Section section : sections) {
      String where = file + ", line " + section.line();
      if (!NAME.matcher(section.name()).matches()) {
        throw new AnswerException(
            where
                + ": an answer's name is lower-case letters, digits and '_', got '"
                + section.name()
                + "'");
      }
      int bodyEnd = section.bodyEnd() < 0 ? source.length() : section.bodyEnd();
      List<SqlScript.Statement> statements =
          SqlScript.located(source.substring(section.bodyStart(), bodyEnd));
      if (statements.size() != 1) {
        throw new AnswerException(
            where
                + ": the answer '"
                + section.name()
                + "' needs exactly one query ending with ';', it has "
                + statements.size());
      }
      if (out.containsKey(section.name())) {
        throw new AnswerException(where + ": the answer '" + section.name() + "' is there twice");
      }
      SqlScript.Statement q = statements.get(0);
      // the body starts on the header's line: the statement's line 1 is that line
      out.put(section.name(), new Answer(section.name(), q.sql(), section.line() + q.line() - 1));
    }
    return List.copyOf(out.values());
  }

  /**
   * A change log ({@code records}, JSON lines) as the topics' records, then one table an answer, in
   * a new file {@code db}.
   */
  static void build(Path db, List<Answer> answers, Path file, Path records) throws AnswerException {
    CourseData.deleteWarehouse(db);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      CourseData.loadTopicRecords(s, RECORDS, records);
      for (Answer a : answers) {
        try (Statement q = c.createStatement()) {
          q.setQueryTimeout((int) StarStepChecker.STATEMENT_LIMIT.toSeconds());
          q.execute("CREATE TABLE answer_" + a.name() + " AS " + a.sql());
        } catch (SQLException e) {
          throw new AnswerException(explain(e, a, file));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot build the topics' records in " + db + ": " + e.getMessage(), e);
    }
  }

  /** Prints each answer's table in {@code db}: its columns and first {@code max} rows. */
  static void show(Path db, List<Answer> answers, int max, PrintWriter out) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      for (Answer a : answers) {
        long rows;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM answer_" + a.name())) {
          rs.next();
          rows = rs.getLong(1);
        }
        out.printf("%n%s (%,d rows%s)%n", a.name(), rows, rows > max ? ", the first " + max : "");
        try (ResultSet rs = s.executeQuery("SELECT * FROM answer_" + a.name() + " LIMIT " + max)) {
          ResultSetMetaData md = rs.getMetaData();
          List<String> names = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnLabel(i));
          }
          out.println("  " + String.join(" | ", names));
          while (rs.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              cells.add(String.valueOf(rs.getString(i)));
            }
            out.println("  " + String.join(" | ", cells));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the answers in " + db + ": " + e.getMessage(), e);
    }
  }

  /** Why an answer did not run: DuckDB's reason and the line of the file it points at. */
  private static String explain(SQLException e, Answer a, Path file) {
    String message = CheckRunner.firstLine(e.getMessage() == null ? e.toString() : e.getMessage());
    if (message.contains("Interrupted") || message.contains("INTERRUPT")) {
      return "the answer '"
          + a.name()
          + "' ran longer than "
          + StarStepChecker.STATEMENT_LIMIT.toSeconds()
          + " s and was cancelled; look for a join without its ON condition (every row with"
          + " every row)";
    }
    Matcher within = DUCKDB_LINE.matcher(e.getMessage() == null ? "" : e.getMessage());
    int line = a.line() + (within.find() ? Integer.parseInt(within.group(1)) - 1 : 0);
    return file + ", line " + line + " (the answer '" + a.name() + "'): " + message.strip();
  }

  private static int lineOf(String s, int index) {
    return (int) s.substring(0, index).chars().filter(ch -> ch == '\n').count() + 1;
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
