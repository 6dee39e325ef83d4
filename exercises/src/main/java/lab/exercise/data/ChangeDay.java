package lab.exercise.data;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.shop.contract.ShopContract;
import lab.shop.contract.SourceTable;
import lab.warehouse.sql.SqlScript;

/**
 * The first morning after the snapshot ({@code change-day.sql}): a sign-up, an order placed, paid
 * and shipped, a price change, a cancellation, a move, an erasure, a CRM record half unreadable —
 * the inserts, updates and deletes the capture streams after its snapshot reads. One script, run by
 * {@link SnapshotCapture} on its stand-in for the shop and by {@code CourseChangeLogIT} on the real
 * PostgreSQL.
 */
public final class ChangeDay {

  /** The script, a resource on the course's classpath. */
  public static final String SCRIPT = "/lab/exercise/data/change-day.sql";

  /** One transaction of the script: its statements, and when it commits. */
  public record Transaction(List<Change> changes, OffsetDateTime commitTime) {}

  /** One statement, and its effect: {@code c}, {@code u} or {@code d} rows of a shop table. */
  public record Change(String sql, String op, SourceTable table) {}

  private static final Pattern STATEMENT =
      Pattern.compile(
          "^(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([a-z_]+)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TIME = Pattern.compile("TIMESTAMPTZ '([^']+)'");
  private static final DateTimeFormatter LITERAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssX", Locale.ROOT);

  private ChangeDay() {}

  /** The script's transactions in the order they commit. */
  public static List<Transaction> transactions() {
    List<Transaction> out = new ArrayList<>();
    List<Change> current = null;
    for (String statement : SqlScript.resource(SCRIPT)) {
      String sql = statement.strip();
      if (sql.equalsIgnoreCase("BEGIN")) {
        current = new ArrayList<>();
      } else if (sql.equalsIgnoreCase("COMMIT")) {
        if (current == null || current.isEmpty()) {
          throw new IllegalStateException(SCRIPT + ": a COMMIT without a BEGIN and statements");
        }
        out.add(
            new Transaction(
                List.copyOf(current), commitTime(current.stream().map(Change::sql).toList())));
        current = null;
      } else if (current == null) {
        throw new IllegalStateException(SCRIPT + ": a statement outside BEGIN ... COMMIT: " + sql);
      } else {
        current.add(change(sql));
      }
    }
    if (current != null) {
      throw new IllegalStateException(SCRIPT + ": the last transaction has no COMMIT");
    }
    return out;
  }

  /**
   * What a statement changes; anything but an insert, update or delete of a shop table is refused.
   */
  private static Change change(String sql) {
    Matcher m = STATEMENT.matcher(sql);
    if (!m.find()) {
      throw new IllegalStateException(
          SCRIPT + ": only INSERT INTO, UPDATE and DELETE FROM a shop table, got: " + sql);
    }
    String verb = m.group(1).toUpperCase(Locale.ROOT);
    SourceTable table =
        ShopContract.table(m.group(2))
            .orElseThrow(
                () -> new IllegalStateException(SCRIPT + ": not a shop table: " + m.group(2)));
    return new Change(
        sql, verb.startsWith("INSERT") ? "c" : verb.startsWith("UPDATE") ? "u" : "d", table);
  }

  /** A transaction commits at the latest time it writes. */
  private static OffsetDateTime commitTime(List<String> statements) {
    OffsetDateTime latest = null;
    for (String sql : statements) {
      Matcher m = TIME.matcher(sql);
      while (m.find()) {
        OffsetDateTime t = OffsetDateTime.parse(m.group(1), LITERAL);
        if (latest == null || t.isAfter(latest)) {
          latest = t;
        }
      }
    }
    if (latest == null) {
      throw new IllegalStateException(
          SCRIPT + ": a transaction writes no TIMESTAMPTZ literal to commit at: " + statements);
    }
    return latest;
  }
}
