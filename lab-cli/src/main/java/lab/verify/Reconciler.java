package lab.verify;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the OLTP shop (PostgreSQL, the truth) with the warehouse (DuckDB): row counts, the sums
 * of order amounts, checksums of customer and product attributes in the change layer, one current
 * version per product, and a per-order check of day, status, line count and total in the facts.
 * Deleted source rows are tombstones in the change layer and are left out of every measure.
 */
public final class Reconciler {

  public static final String ORDERS = "orders";
  public static final String ORDER_LINES = "order lines";

  private static final int MAX_DIFFERENCES_SHOWN = 5;

  private Reconciler() {}

  /** Runs every check; read-only on both sides. */
  public static Reconciliation reconcile(Connection oltp, Connection warehouse)
      throws SQLException {
    List<Reconciliation.Check> checks = new ArrayList<>();
    checks.add(
        check(
            oltp,
            warehouse,
            "customers",
            "SELECT count(*) FROM customers",
            "SELECT count(*) FROM cur_customers WHERE NOT is_deleted"));
    checks.add(
        check(
            oltp,
            warehouse,
            "products",
            "SELECT count(*) FROM products",
            "SELECT count(*) FROM cur_products WHERE NOT is_deleted"));
    checks.add(
        check(
            oltp,
            warehouse,
            ORDERS,
            "SELECT count(*) FROM orders",
            "SELECT count(*) FROM fact_order_fulfillment"));
    checks.add(
        check(
            oltp,
            warehouse,
            ORDER_LINES,
            "SELECT count(*) FROM order_items",
            "SELECT count(*) FROM fact_sales"));
    checks.add(
        check(
            oltp,
            warehouse,
            "sum of order amounts",
            "SELECT coalesce(sum(quantity * unit_price), 0) FROM order_items",
            "SELECT coalesce(sum(gross_amount), 0) FROM fact_sales"));
    checks.add(
        check(
            oltp,
            warehouse,
            "sum of net amounts after discount",
            "SELECT coalesce(sum(round(quantity * unit_price * (100 - discount_pct) / 100, 2)), 0)"
                + " FROM order_items",
            "SELECT coalesce(sum(net_amount), 0) FROM fact_sales"));
    checks.add(
        check(
            oltp,
            warehouse,
            "customer attributes (md5)",
            digest("customers", "customer_id", "customer_id, email, full_name, country", ""),
            digest(
                "cur_customers",
                "customer_id",
                "customer_id, email, full_name, country",
                "WHERE NOT is_deleted")));
    checks.add(
        check(
            oltp,
            warehouse,
            "product attributes (md5)",
            digest("products", "product_id", "product_id, sku, name, category, unit_price", ""),
            digest(
                "cur_products",
                "product_id",
                "product_id, sku, name, category, unit_price",
                "WHERE NOT is_deleted")));
    checks.add(
        check(
            oltp,
            warehouse,
            "current product versions",
            "SELECT count(*) FROM products",
            "SELECT count(*) FROM dim_product WHERE is_current AND product_key <> 0"
                + " AND NOT is_inferred"));

    // Per order: status, calendar day (UTC), line count and total, from the facts.
    Map<Long, String> truth =
        perOrder(
            oltp,
            """
            SELECT o.order_id, to_char(o.ordered_at AT TIME ZONE 'UTC', 'YYYYMMDD'), o.status,
                   count(i.line_no), coalesce(sum(i.quantity * i.unit_price), 0)
            FROM orders o LEFT JOIN order_items i ON i.order_id = o.order_id
            GROUP BY o.order_id, o.ordered_at, o.status
            """);
    Map<Long, String> star =
        perOrder(
            warehouse,
            """
            SELECT o.order_id, CAST(o.placed_date_key AS VARCHAR), o.order_status,
                   count(f.line_no), coalesce(sum(f.gross_amount), 0)
            FROM fact_order_fulfillment o LEFT JOIN fact_sales f USING (order_id)
            GROUP BY o.order_id, o.placed_date_key, o.order_status
            """);
    List<String> differences = new ArrayList<>();
    long differing = 0;
    TreeSet<Long> ids = new TreeSet<>(truth.keySet());
    ids.addAll(star.keySet());
    for (Long id : ids) {
      String t = truth.get(id);
      String w = star.get(id);
      if (!java.util.Objects.equals(t, w)) {
        differing++;
        if (differences.size() < MAX_DIFFERENCES_SHOWN) {
          differences.add(
              "order "
                  + id
                  + ": oltp "
                  + (t == null ? "(absent)" : t)
                  + " | warehouse "
                  + (w == null ? "(absent)" : w));
        }
      }
    }
    checks.add(
        new Reconciliation.Check(
            "per-order checksum (day, status, lines, total)",
            truth.size() + " orders",
            star.size() + " orders" + (differing == 0 ? "" : ", " + differing + " differ")));
    return new Reconciliation(checks, differences, differing);
  }

  private static String digest(String table, String key, String columns, String where) {
    return "SELECT coalesce(md5(string_agg(concat_ws('|', "
        + columns
        + "), ',' ORDER BY "
        + key
        + ")), '-') FROM "
        + table
        + " "
        + where;
  }

  private static Reconciliation.Check check(
      Connection oltp, Connection warehouse, String name, String oltpSql, String warehouseSql)
      throws SQLException {
    return new Reconciliation.Check(name, scalar(oltp, oltpSql), scalar(warehouse, warehouseSql));
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      Object v = rs.getObject(1);
      if (v instanceof BigDecimal d) {
        return d.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
      }
      return String.valueOf(v);
    }
  }

  /** order id -> "customer=.. status=.. lines=.. total=..", flagging inconsistent lines. */
  private static Map<Long, String> perOrder(Connection c, String sql) throws SQLException {
    Map<Long, String> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        long id = rs.getLong(1);
        BigDecimal total = rs.getBigDecimal(5);
        String row =
            "day="
                + rs.getObject(2)
                + " status="
                + rs.getString(3)
                + " lines="
                + rs.getLong(4)
                + " total="
                + (total == null ? "null" : total.setScale(2).toPlainString());
        String previous = out.putIfAbsent(id, row);
        if (previous != null) {
          out.put(id, "inconsistent lines: {" + previous + "} vs {" + row + "}");
        }
      }
    }
    return out;
  }
}
