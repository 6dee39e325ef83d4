package lab.warehouse.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lab's SQL scripts into statements, with one rule for all of them: a statement ends with
 * a semicolon at the end of a line, and a line whose first non-blank characters are {@code --} is a
 * comment. A comment after code on the same line stays in the statement (DuckDB and PostgreSQL read
 * it as a comment), so a semicolon inside it never ends a statement.
 */
public final class SqlScript {

  private SqlScript() {}

  /**
   * A statement and the line of the script it starts on (1-based): its first line that is neither
   * blank nor a comment. A comment line inside it becomes an empty line, so DuckDB's "LINE n"
   * within the statement is script line {@code line + n - 1} (unless blank lines stand before such
   * a comment, which go with it).
   */
  public record Statement(int line, String sql) {}

  private static final Pattern END = Pattern.compile(";[ \\t]*\\r?\\n|;[ \\t]*$");
  private static final Pattern COMMENT_LINE = Pattern.compile("(?m)^\\s*--.*$");

  /** The statements of a script, in order, without their comment lines and final semicolons. */
  public static List<String> statements(String script) {
    return located(script).stream().map(Statement::sql).toList();
  }

  /** As {@link #statements}, each with the line it starts on. */
  public static List<Statement> located(String script) {
    List<Statement> out = new ArrayList<>();
    Matcher end = END.matcher(script);
    int from = 0;
    int line = 1;
    while (from < script.length()) {
      int to = end.find(from) ? end.start() : script.length();
      String raw = script.substring(from, to);
      String sql = COMMENT_LINE.matcher(raw).replaceAll("").strip();
      if (!sql.isEmpty()) {
        out.add(new Statement(line + linesBeforeCode(raw), sql));
      }
      int next = to < script.length() ? end.end() : to;
      line += (int) script.substring(from, next).chars().filter(c -> c == '\n').count();
      from = next;
    }
    return out;
  }

  /** How many lines of a statement's text come before its first line of code. */
  private static int linesBeforeCode(String raw) {
    int n = 0;
    for (String l : raw.split("\n", -1)) {
      String t = l.strip();
      if (!t.isEmpty() && !t.startsWith("--")) {
        return n;
      }
      n++;
    }
    return n;
  }

  /** The statements of a script on the classpath, e.g. {@code /lab/warehouse/star.sql}. */
  public static List<String> resource(String path) {
    return statements(text(path));
  }

  /** A script on the classpath as text; a missing one is a packaging error. */
  public static String text(String path) {
    try (InputStream in = SqlScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " from the classpath", e);
    }
  }
}
