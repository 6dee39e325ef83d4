package lab.exercise;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lab.exercise.data.CourseData;

/**
 * Runs a lab's checks on the warehouse a checker built from the student's work, with the reference
 * warehouse beside it ({@code ref}); a lab whose changes arrive in two batches also sees both
 * warehouses as the first batch left them ({@code early}, {@code ref_early}). Every message says
 * what was expected, what was found with one real row, and the likely cause.
 */
final class CheckRunner {

  private CheckRunner() {}

  /** Something the checker measured of the student's run, beside the reference's. */
  record Fact(long yours, long reference) {}

  /**
   * The results of {@code lab}'s checks on {@code warehouse}; {@code studentSource} is the
   * student's file, which the {@code forbid} checks read.
   */
  static List<CheckResult> run(Lab lab, Path warehouse, Path reference, String studentSource) {
    return run(lab, warehouse, reference, studentSource, Map.of());
  }

  /** As {@link #run(Lab, Path, Path, String)}, with the facts the {@code fact} checks read. */
  static List<CheckResult> run(
      Lab lab, Path warehouse, Path reference, String studentSource, Map<String, Fact> facts) {
    List<CheckResult> results = new ArrayList<>();
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse, readOnly);
        Statement s = c.createStatement()) {
      attach(s, reference, "ref");
      if (lab.delivery() == CourseData.Delivery.CRM_LATE) {
        attach(s, CourseData.early(warehouse), "early");
        attach(s, CourseData.early(reference), "ref_early");
      }
      for (Check check : lab.checks()) {
        // a statement of its own: DuckDB closes one whose query failed
        try (Statement checkStatement = c.createStatement()) {
          results.add(run(check, checkStatement, studentSource, facts));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the warehouse just built: " + e.getMessage(), e);
    }
    return results;
  }

  private static void attach(Statement s, Path file, String alias) throws SQLException {
    s.execute("ATTACH '" + file.toString().replace("'", "''") + "' AS " + alias + " (READ_ONLY)");
  }

  private static CheckResult run(
      Check check, Statement s, String studentSql, Map<String, Fact> facts) {
    return switch (check.kind()) {
      case QUERY -> query(check, s);
      case COMPARE -> compare(check, s);
      case FORBID -> forbid(check, studentSql);
      case FACT -> fact(check, facts.get(check.argument()));
    };
  }

  static CheckResult fact(Check check, Fact fact) {
    if (fact == null) {
      throw new CourseException(
          check.file() + ": this lab's checker measures no fact '" + check.argument() + "'");
    }
    if (fact.yours() <= fact.reference()) {
      return new CheckResult(check.title(), true, "");
    }
    return new CheckResult(
        check.title(),
        false,
        "expected: "
            + check.expected()
            + " (the reference: "
            + count(fact.reference())
            + ")\nfound:    "
            + count(fact.yours())
            + "\nlikely cause: "
            + check.cause());
  }

  private static CheckResult query(Check check, Statement s) {
    try (ResultSet rs = s.executeQuery(check.argument())) {
      long rows = 0;
      String example = null;
      while (rs.next()) {
        if (rows++ == 0) {
          example = row(rs);
        }
      }
      if (rows == 0) {
        return new CheckResult(check.title(), true, "");
      }
      return new CheckResult(
          check.title(),
          false,
          "expected: "
              + check.expected()
              + "\nfound:    "
              + count(rows)
              + (rows == 1 ? " row that breaks it: " : " rows that break it, e.g. ")
              + example
              + "\nlikely cause: "
              + check.cause());
    } catch (SQLException e) {
      return broken(check, e);
    }
  }

  /**
   * The table equals the reference's, as a multiset of rows (EXCEPT ALL both ways). With a key
   * ({@code compare: table by col, col}) the example is one key whose row differs, column by
   * column.
   */
  private static CheckResult compare(Check check, Statement s) {
    String[] parts = check.argument().split("\\s+by\\s+", 2);
    String table = parts[0].strip();
    List<String> key = parts.length == 2 ? List.of(parts[1].strip().split("\\s*,\\s*")) : List.of();
    // early.<table>: the warehouses as the first of two batches left them
    boolean early = table.startsWith("early.");
    String mineTable = early ? table : "main." + table;
    String refTable = early ? "ref_" + table : "ref." + table;
    try {
      long reference = scalar(s, "SELECT count(*) FROM " + refTable);
      long mine = scalar(s, "SELECT count(*) FROM " + mineTable);
      String extra = "SELECT * FROM " + mineTable + " EXCEPT ALL SELECT * FROM " + refTable;
      String missing = "SELECT * FROM " + refTable + " EXCEPT ALL SELECT * FROM " + mineTable;
      long extraRows = scalar(s, "SELECT count(*) FROM (" + extra + ")");
      long missingRows = scalar(s, "SELECT count(*) FROM (" + missing + ")");
      if (extraRows == 0 && missingRows == 0) {
        return new CheckResult(check.title(), true, "");
      }
      String found =
          count(mine)
              + " rows, "
              + count(Math.max(extraRows, missingRows))
              + " of them not as the reference's; e.g. "
              + example(s, mineTable, refTable, key, extra, missing, extraRows > 0);
      return new CheckResult(
          check.title(),
          false,
          "expected: "
              + check.expected()
              + " ("
              + count(reference)
              + " rows in "
              + table
              + ")\nfound:    "
              + found
              + "\nlikely cause: "
              + check.cause());
    } catch (SQLException e) {
      return broken(check, e);
    }
  }

  /** One row that differs: by key, the columns that differ; without one, the row itself. */
  private static String example(
      Statement s,
      String mineTable,
      String refTable,
      List<String> key,
      String extra,
      String missing,
      boolean hasExtra)
      throws SQLException {
    Map<String, String> row = firstRow(s, (hasExtra ? extra : missing) + " LIMIT 1");
    if (key.isEmpty()) {
      return (hasExtra ? "yours has " : "the reference has ")
          + render(row)
          + (hasExtra ? ", the reference has not" : ", yours has not");
    }
    StringBuilder where = new StringBuilder();
    for (String k : key) {
      where.append(where.isEmpty() ? " WHERE " : " AND ");
      String v = row.get(k);
      where.append(k).append(v == null ? " IS NULL" : " = '" + v.replace("'", "''") + "'");
    }
    Map<String, String> other =
        firstRow(s, "SELECT * FROM " + (hasExtra ? refTable : mineTable) + where + " LIMIT 1");
    String keyText = key.stream().map(k -> k + "=" + row.get(k)).collect(Collectors.joining(", "));
    if (other == null) {
      return keyText
          + (hasExtra ? " is in yours only" : " is in the reference only")
          + " ("
          + render(row)
          + ")";
    }
    Map<String, String> mine = hasExtra ? row : other;
    Map<String, String> ref = hasExtra ? other : row;
    List<String> diffs = new ArrayList<>();
    for (String column : mine.keySet()) {
      if (!Objects.equals(mine.get(column), ref.get(column))) {
        diffs.add(
            column
                + " is "
                + mine.get(column)
                + " in yours, "
                + ref.get(column)
                + " in the reference");
      }
    }
    return keyText + ": " + String.join("; ", diffs);
  }

  private static CheckResult forbid(Check check, String studentSql) {
    String code = studentSql.replaceAll("--[^\\n]*", "");
    Matcher m = Pattern.compile(check.argument(), Pattern.CASE_INSENSITIVE).matcher(code);
    if (!m.find()) {
      return new CheckResult(check.title(), true, "");
    }
    int line = (int) studentSql.lines().count();
    int offset = 0;
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (m.start() <= offset + lines[i].length()) {
        line = i + 1;
        break;
      }
      offset += lines[i].length() + 1;
    }
    return new CheckResult(
        check.title(),
        false,
        "expected: "
            + check.expected()
            + "\nfound:    '"
            + m.group()
            + "' on line "
            + line
            + "\nlikely cause: "
            + check.cause());
  }

  /** A check whose query failed on the student's star: a table or column they did not build. */
  private static CheckResult broken(Check check, SQLException e) {
    return new CheckResult(
        check.title(),
        false,
        "expected: "
            + check.expected()
            + "\nfound:    the check could not read what your file built: "
            + firstLine(e.getMessage())
            + "\nlikely cause: a table or column it must write is missing or renamed");
  }

  private static long scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The first row of a query by column name, or null if it has none. */
  private static Map<String, String> firstRow(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        return null;
      }
      ResultSetMetaData md = rs.getMetaData();
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.put(md.getColumnLabel(i), rs.getString(i));
      }
      return row;
    }
  }

  private static String render(Map<String, String> row) {
    return row.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** A row as {@code name=value, ...}, the way the message shows it. */
  private static String row(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> cells = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      cells.add(md.getColumnLabel(i) + "=" + rs.getString(i));
    }
    return String.join(", ", cells);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
