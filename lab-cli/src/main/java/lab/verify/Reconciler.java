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
 * Compares the OLTP shop (PostgreSQL, the truth) with the star (DuckDB): row counts per table, the
 * sum of order amounts, a checksum of each dimension's attributes, and a per-order check of
 * customer, status, line count and total. Deleted source rows are tombstones in the warehouse and
 * are left out of every warehouse measure.
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
            "SELECT count(*) FROM dim_customer WHERE NOT is_deleted"));
    checks.add(
        check(
            oltp,
            warehouse,
            "products",
            "SELECT count(*) FROM products",
            "SELECT count(*) FROM dim_product WHERE NOT is_deleted"));
    checks.add(
        check(
            oltp,
            warehouse,
            ORDERS,
            "SELECT count(*) FROM orders",
            "SELECT count(*) FROM stg_order WHERE NOT is_deleted"));
    checks.add(
        check(
            oltp,
            warehouse,
            ORDER_LINES,
            "SELECT count(*) FROM order_items",
            "SELECT count(*) FROM fact_order_line WHERE NOT is_deleted"));
    checks.add(
        check(
            oltp,
            warehouse,
            "sum of order amounts",
            "SELECT coalesce(sum(quantity * unit_price), 0) FROM order_items",
            "SELECT coalesce(sum(amount), 0) FROM fact_order_line WHERE NOT is_deleted"));
    checks.add(
        check(
            oltp,
            warehouse,
            "customer attributes (md5)",
            digest("customers", "customer_id", "customer_id, email, full_name, country", ""),
            digest(
                "dim_customer",
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
                "dim_product",
                "product_id",
                "product_id, sku, name, category, unit_price",
                "WHERE NOT is_deleted")));

    Map<Long, String> truth =
        perOrder(
            oltp,
            """
            SELECT o.order_id, o.customer_id, o.status, count(i.line_no),
                   coalesce(sum(i.quantity * i.unit_price), 0)
            FROM orders o LEFT JOIN order_items i ON i.order_id = o.order_id
            GROUP BY o.order_id, o.customer_id, o.status
            """);
    Map<Long, String> star =
        perOrder(
            warehouse,
            """
            SELECT order_id, customer_id, order_status, count(*), sum(amount)
            FROM fact_order_line WHERE NOT is_deleted
            GROUP BY order_id, customer_id, order_status
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
            "per-order checksum (customer, status, lines, total)",
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
            "customer="
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
