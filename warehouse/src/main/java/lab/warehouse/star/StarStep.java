package lab.warehouse.star;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import lab.warehouse.sql.SqlScript;

/**
 * One rule of the star, a named SQL script the sink runs inside each batch's transaction, e.g.
 * {@code customer_versions} (SCD2). {@code origin} says where its SQL came from, and each statement
 * the line of it that it starts on, for messages.
 */
public record StarStep(String name, String origin, List<SqlScript.Statement> script) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public StarStep {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a star step's name is lower_case_with_underscores, got '" + name + "'");
    }
    if (script.isEmpty()) {
      throw new IllegalArgumentException(
          "star step " + name + " (" + origin + ") has no SQL statement");
    }
    script = List.copyOf(script);
  }

  /** A step from SQL text; statements end with a semicolon at the end of a line. */
  public static StarStep of(String name, String origin, String sql) {
    return new StarStep(name, origin, SqlScript.located(sql));
  }

  /** The step's statements, in the order they run. */
  public List<String> statements() {
    return script.stream().map(SqlScript.Statement::sql).toList();
  }

  /** A step from a file, e.g. a student's version of one rule. */
  public static StarStep fromFile(String name, Path file) {
    try {
      return of(name, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read star step " + name + " from " + file + ": " + e.getMessage(), e);
    }
  }

  /** The step the lab ships, from {@code /lab/warehouse/star/<name>.sql}. */
  static StarStep builtIn(String name) {
    return of(name, StarSteps.RESOURCE_DIR + name + ".sql", StarSteps.builtInSql(name));
  }
}
