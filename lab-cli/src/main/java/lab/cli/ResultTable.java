package lab.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A query result laid out for the terminal: headers, aligned columns, NULLs, long values cut, and a
 * line with the row count and the time taken. Pure, so that the layout is tested without a
 * database.
 */
public record ResultTable(
    List<Column> columns, List<List<Object>> rows, long totalRows, Duration elapsed) {

  /** Longest value shown; longer ones end in an ellipsis so that one wide cell keeps the table. */
  static final int MAX_WIDTH = 40;

  /** A column's name and whether it holds numbers (which line up on the right). */
  public record Column(String name, boolean numeric) {}

  public ResultTable {
    columns = List.copyOf(columns);
    // Rows may hold NULLs, which List.copyOf refuses.
    rows =
        rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    if (totalRows < rows.size()) {
      throw new IllegalArgumentException(
          "totalRows " + totalRows + " is below the " + rows.size() + " rows shown");
    }
  }

  /** The table's lines, ready to print. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    if (!columns.isEmpty()) {
      List<List<String>> cells =
          rows.stream().map(r -> r.stream().map(ResultTable::cell).toList()).toList();
      int[] width = new int[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        width[i] = cut(columns.get(i).name()).length();
        for (List<String> row : cells) {
          width[i] = Math.max(width[i], row.get(i).length());
        }
      }
      List<String> header = columns.stream().map(c -> cut(c.name())).toList();
      out.add(row(header, width));
      List<String> rule = new ArrayList<>();
      for (int w : width) {
        rule.add("-".repeat(w));
      }
      out.add(String.join("-+-", rule));
      for (List<String> row : cells) {
        out.add(row(row, width));
      }
    }
    long hidden = totalRows - rows.size();
    if (hidden > 0) {
      out.add("... " + hidden + " more " + (hidden == 1 ? "row" : "rows") + " not shown");
    }
    out.add(
        String.format(
            Locale.US,
            "%d %s in %.1f ms",
            totalRows,
            totalRows == 1 ? "row" : "rows",
            elapsed.toNanos() / 1_000_000.0));
    return out;
  }

  private String row(List<String> values, int[] width) {
    List<String> padded = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      String pad = " ".repeat(width[i] - v.length());
      padded.add(columns.get(i).numeric() ? pad + v : v + pad);
    }
    return String.join(" | ", padded).stripTrailing();
  }

  private static String cell(Object value) {
    return value == null ? "NULL" : cut(String.valueOf(value));
  }

  private static String cut(String s) {
    // A line break inside a value would break the table's rows apart.
    String flat = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return flat.length() <= MAX_WIDTH ? flat : flat.substring(0, MAX_WIDTH - 1) + "…";
  }
}
