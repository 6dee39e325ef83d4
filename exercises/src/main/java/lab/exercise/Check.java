package lab.exercise;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One check of a lab, a SQL file whose header comments say what it checks and what a failure means,
 * in the style of dbt's singular tests: the rows the query returns are what is wrong.
 *
 * <pre>
 * -- check: One current version per customer
 * -- expected: every customer has exactly one version with is_current
 * -- cause: when a version starts, close the one before it (valid_to = the new valid_from)
 * SELECT customer_id, count(*) AS current_versions FROM dim_customer WHERE is_current ...
 * </pre>
 *
 * Three other forms take no query: {@code -- compare: <table>} requires the student's table to
 * equal the reference warehouse's, row for row; {@code -- forbid: <regex>} refuses a student's file
 * whose SQL (comments aside) matches; {@code -- fact: <name>} requires a fact the checker measured
 * of the student's run (a Java lab's {@code spark_jobs}, {@code input_scans}) to be no larger than
 * the reference's. The student's warehouse is the main database; the reference is attached as
 * {@code ref}.
 */
public record Check(
    Path file, String title, String expected, String cause, Kind kind, String argument) {

  public enum Kind {
    /** The query's rows are the failures. */
    QUERY,
    /** The table must equal the reference's. */
    COMPARE,
    /** The student's SQL must not match a pattern. */
    FORBID,
    /** A measured fact of the student's run must not exceed the reference's. */
    FACT
  }

  static Check read(Path file) {
    Map<String, String> header = new LinkedHashMap<>();
    StringBuilder body = new StringBuilder();
    for (String line : Lab.lines(file)) {
      if (body.isEmpty() && line.startsWith("-- ") && line.indexOf(':') > 3) {
        int colon = line.indexOf(':');
        header.put(line.substring(3, colon).strip(), line.substring(colon + 1).strip());
      } else if (!line.isBlank() || !body.isEmpty()) {
        body.append(line).append('\n');
      }
    }
    String title = require(file, header, "check");
    String expected = require(file, header, "expected");
    String cause = require(file, header, "cause");
    Kind kind;
    String argument;
    if (header.containsKey("compare")) {
      kind = Kind.COMPARE;
      argument = header.get("compare");
    } else if (header.containsKey("fact")) {
      kind = Kind.FACT;
      argument = header.get("fact");
    } else if (header.containsKey("forbid")) {
      kind = Kind.FORBID;
      argument = header.get("forbid");
      Pattern.compile(argument);
    } else {
      kind = Kind.QUERY;
      argument = body.toString().strip().replaceAll(";\\s*$", "");
      if (argument.isEmpty()) {
        throw new CourseException(file + " has no query after its header");
      }
    }
    return new Check(file, title, expected, cause, kind, argument);
  }

  private static String require(Path file, Map<String, String> header, String key) {
    String value = header.get(key);
    if (value == null || value.isEmpty()) {
      throw new CourseException(
          file
              + " needs a header line '-- "
              + key
              + ": ...' (has: "
              + List.copyOf(header.keySet())
              + ")");
    }
    return value;
  }
}
