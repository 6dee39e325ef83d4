package lab.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The columns of the tables a plan names, from information_schema (same query on both engines). */
final class TableColumns implements ColumnLookup {

  private final Connection c;
  private final Map<String, List<String>> cache = new HashMap<>();

  TableColumns(Connection c) {
    this.c = c;
  }

  @Override
  public List<String> of(String table) throws SQLException {
    List<String> known = cache.get(table);
    if (known != null) {
      return known;
    }
    List<String> columns = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                + " ORDER BY ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    cache.put(table, List.copyOf(columns));
    return cache.get(table);
  }

  /** The table's columns that the plan's text for one scan mentions, in table order. */
  static List<String> mentioned(List<String> columns, String planText) {
    List<String> used = new ArrayList<>();
    for (String col : columns) {
      if (Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(col) + "(?![A-Za-z0-9_])")
          .matcher(planText)
          .find()) {
        used.add(col);
      }
    }
    return used;
  }
}
