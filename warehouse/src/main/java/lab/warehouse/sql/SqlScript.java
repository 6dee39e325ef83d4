package lab.warehouse.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the lab's SQL scripts into statements, with one rule for all of them: a statement ends with
 * a semicolon at the end of a line, and a line whose first non-blank characters are {@code --} is a
 * comment. A comment after code on the same line stays in the statement (DuckDB and PostgreSQL read
 * it as a comment), so a semicolon inside it never ends a statement.
 */
public final class SqlScript {

  private SqlScript() {}

  /** The statements of a script, in order, without their comment lines and final semicolons. */
  public static List<String> statements(String script) {
    return Arrays.stream(script.split(";[ \\t]*\\r?\\n|;[ \\t]*$"))
        .map(s -> s.replaceAll("(?m)^\\s*--.*$", "").strip())
        .filter(s -> !s.isEmpty())
        .toList();
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
