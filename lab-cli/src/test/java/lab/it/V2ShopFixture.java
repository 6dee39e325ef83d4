package lab.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * TEMPORARY: the V2 rows the OLTP driver needs (stores with a warehouse, stock for every store and
 * product) while {@code ShopSeeder} fills only the V1 tables. Delete this class and its callers
 * once the seeder fills V2. Each insert runs only if its table is empty, so a shop the new seeder
 * filled is left exactly as it is.
 */
final class V2ShopFixture {

  /** Stock per product in a physical store and in the warehouse: enough for any test run. */
  static final int STORE_STOCK = 10_000;

  static final int WAREHOUSE_STOCK = 1_000_000;

  private V2ShopFixture() {}

  static void fillIfEmpty(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.executeUpdate(
          """
          INSERT INTO stores (store_id, store_code, name, kind, city, country, currency_code, opened_at)
          SELECT * FROM (VALUES
              (1, 'BER-01', 'Berlin Mitte', 'store', 'Berlin', 'DE', 'EUR', TIMESTAMPTZ '2024-01-01 00:00Z'),
              (2, 'STO-01', 'Stockholm City', 'store', 'Stockholm', 'SE', 'SEK', TIMESTAMPTZ '2024-01-01 00:00Z'),
              (3, 'LON-01', 'London Soho', 'store', 'London', 'GB', 'GBP', TIMESTAMPTZ '2024-01-01 00:00Z'),
              (4, 'WH-LEJ', 'Leipzig warehouse', 'warehouse', 'Leipzig', 'DE', 'EUR', TIMESTAMPTZ '2024-01-01 00:00Z')
          ) AS s (store_id, store_code, name, kind, city, country, currency_code, opened_at)
          WHERE NOT EXISTS (SELECT 1 FROM stores)""");
      st.executeUpdate(
          "INSERT INTO inventory (store_id, product_id, on_hand, updated_at)"
              + " SELECT s.store_id, p.product_id,"
              + " CASE s.kind WHEN 'warehouse' THEN "
              + WAREHOUSE_STOCK
              + " ELSE "
              + STORE_STOCK
              + " END, TIMESTAMPTZ '2024-01-01 00:00Z'"
              + " FROM stores s CROSS JOIN products p"
              + " WHERE NOT EXISTS (SELECT 1 FROM inventory)");
    }
  }
}
