package lab.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads DuckDB's {@code EXPLAIN (ANALYZE, FORMAT JSON)}: each TABLE_SCAN's table, rows scanned and
 * projected and filtered columns (a column store reads only those), and the join operators.
 */
public final class DuckDbPlan {

  private DuckDbPlan() {}

  /** Runs the query under EXPLAIN ANALYZE and returns what it read. */
  public static PlanFacts explain(Connection c, String query) throws SQLException {
    String json;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + query)) {
      if (!rs.next()) {
        return PlanFacts.failed("EXPLAIN ANALYZE returned nothing");
      }
      json = rs.getString(rs.getMetaData().getColumnCount());
    }
    return read(json, new TableColumns(c));
  }

  static PlanFacts read(String json, ColumnLookup columns) throws SQLException {
    List<TableRead> tables = new ArrayList<>();
    List<String> joins = new ArrayList<>();
    Object root = Json.parse(json);
    Object ops = root instanceof Map<?, ?> m ? m.get("operator") : root;
    walk(ops, columns, tables, joins);
    return new PlanFacts(tables, joins, null);
  }

  private static void walk(
      Object node, ColumnLookup columns, List<TableRead> tables, List<String> joins)
      throws SQLException {
    if (node instanceof List<?> list) {
      for (Object o : list) {
        walk(o, columns, tables, joins);
      }
      return;
    }
    if (!(node instanceof Map<?, ?> op)) {
      return;
    }
    String type = String.valueOf(op.get("type"));
    if (type.contains("JOIN") || type.equals("CROSS_PRODUCT")) {
      joins.add(type);
    }
    if (type.equals("TABLE_SCAN") && op.get("extra_info") instanceof Map<?, ?> info) {
      Object table = info.get("Table");
      if (table != null) {
        String name = String.valueOf(table);
        name = name.substring(name.lastIndexOf('.') + 1);
        List<String> all = columns.of(name);
        String text = text(info.get("Projections")) + " " + text(info.get("Filters"));
        List<String> read = TableColumns.mentioned(all, text);
        long rows = op.get("rows_scanned") instanceof Number n ? n.longValue() : 0;
        tables.add(new TableRead(name, "columnar scan", rows, read, read, all.size()));
      }
    }
    walk(op.get("children"), columns, tables, joins);
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof List<?> l) {
      return String.join(" ", l.stream().map(String::valueOf).toList());
    }
    return String.valueOf(v);
  }
}
