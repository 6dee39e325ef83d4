package lab.bench.oltp;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the driver needs to know about a shop before it starts: the id ranges it draws from and the
 * stores, read once. Ids are drawn in 1..max; seeded shops number their rows densely.
 */
public record ShopShape(
    long maxCustomerId,
    long maxProductId,
    long maxOrderId,
    List<Store> shops,
    List<Store> warehouses) {

  static final Set<String> TABLES =
      Set.of(
          "customers",
          "products",
          "orders",
          "order_items",
          "stores",
          "inventory",
          "payments",
          "shipments");

  public ShopShape {
    shops = List.copyOf(Objects.requireNonNull(shops, "shops"));
    warehouses = List.copyOf(Objects.requireNonNull(warehouses, "warehouses"));
    if (maxCustomerId < 1 || maxProductId < 1 || maxOrderId < 0) {
      throw new IllegalArgumentException(
          "a shop needs customers and products, got max ids "
              + maxCustomerId
              + " and "
              + maxProductId);
    }
    if (warehouses.isEmpty()) {
      throw new IllegalArgumentException("a shop needs a warehouse to fulfil web and app orders");
    }
  }

  /**
   * Reads the shape of the shop on either engine; the transaction is rolled back afterwards.
   *
   * @throws ShopNotReadyException naming what is missing (a V2 table, customers, a warehouse,
   *     stock)
   */
  public static ShopShape inspect(Connection c) throws SQLException {
    try {
      Set<String> missing = new TreeSet<>(TABLES);
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT DISTINCT table_name FROM information_schema.tables"
                      + " WHERE table_schema = current_schema()")) {
        while (rs.next()) {
          missing.remove(rs.getString(1));
        }
      }
      if (!missing.isEmpty()) {
        throw new ShopNotReadyException(
            "the shop has no table " + String.join(", ", missing) + " (the V2 schema is missing)");
      }
      long[] max = new long[3];
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT (SELECT coalesce(max(customer_id), 0) FROM customers),"
                      + " (SELECT coalesce(max(product_id), 0) FROM products),"
                      + " (SELECT coalesce(max(order_id), 0) FROM orders)")) {
        rs.next();
        for (int i = 0; i < 3; i++) {
          max[i] = rs.getLong(i + 1);
        }
      }
      if (max[0] == 0 || max[1] == 0) {
        throw new ShopNotReadyException("the shop has no customers or no products");
      }
      List<Store> shops = new ArrayList<>();
      List<Store> warehouses = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT store_id, kind, currency_code FROM stores ORDER BY store_id")) {
        while (rs.next()) {
          Store s = new Store(rs.getInt(1), rs.getString(2), rs.getString(3).strip());
          (s.kind().equals(Store.WAREHOUSE) ? warehouses : shops).add(s);
        }
      }
      if (warehouses.isEmpty()) {
        throw new ShopNotReadyException(
            "the shop has no store of kind 'warehouse' (web and app orders are fulfilled from one)");
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM inventory")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          throw new ShopNotReadyException("the shop has no inventory rows (nothing in stock)");
        }
      }
      return new ShopShape(max[0], max[1], max[2], shops, warehouses);
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
  }
}
