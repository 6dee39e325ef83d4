package lab.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads PostgreSQL's {@code EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON)}: each scan node's table and
 * access method, the rows it visited (returned plus removed by its filter, times its loops, so
 * parallel workers count), the columns the query used from it, and the join nodes. A heap tuple is
 * read whole, so the columns read are all of the table's.
 */
public final class PostgresPlan {

  private static final List<String> JOINS = List.of("Hash Join", "Nested Loop", "Merge Join");

  private PostgresPlan() {}

  /** Runs the query under EXPLAIN ANALYZE and returns what it read. */
  public static PlanFacts explain(Connection c, String query) throws SQLException {
    String json;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) " + query)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1)).append('\n');
      }
      json = b.toString();
    }
    return read(json, new TableColumns(c));
  }

  static PlanFacts read(String json, ColumnLookup columns) throws SQLException {
    List<TableRead> tables = new ArrayList<>();
    List<String> joins = new ArrayList<>();
    Object root = Json.parse(json);
    if (root instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> top) {
      walk(top.get("Plan"), columns, tables, joins);
    }
    return new PlanFacts(tables, joins, null);
  }

  private static void walk(
      Object node, ColumnLookup columns, List<TableRead> tables, List<String> joins)
      throws SQLException {
    if (!(node instanceof Map<?, ?> plan)) {
      return;
    }
    String type = String.valueOf(plan.get("Node Type"));
    if (JOINS.contains(type)) {
      joins.add(type);
    }
    Object relation = plan.get("Relation Name");
    if (relation != null) {
      String table = String.valueOf(relation);
      List<String> all = columns.of(table);
      String text =
          String.valueOf(plan.get("Output"))
              + " "
              + text(plan.get("Filter"))
              + " "
              + text(plan.get("Index Cond"))
              + " "
              + text(plan.get("Recheck Cond"));
      double loops = number(plan.get("Actual Loops"));
      double visited =
          (number(plan.get("Actual Rows")) + number(plan.get("Rows Removed by Filter")))
              * Math.max(1, loops);
      tables.add(
          new TableRead(
              table,
              type,
              Math.round(visited),
              all,
              TableColumns.mentioned(all, text),
              all.size()));
    }
    if (plan.get("Plans") instanceof List<?> children) {
      for (Object child : children) {
        walk(child, columns, tables, joins);
      }
    }
  }

  private static String text(Object v) {
    return v == null ? "" : String.valueOf(v);
  }

  private static double number(Object v) {
    return v instanceof Number n ? n.doubleValue() : 0;
  }
}
