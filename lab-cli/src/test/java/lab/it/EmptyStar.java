package lab.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import lab.warehouse.schema.StarSchema;

/**
 * An empty DuckDB warehouse built with the production DDL (StarSchema): enough to prove that every
 * catalog query's tables and columns exist.
 */
final class EmptyStar {

  private EmptyStar() {}

  /** Creates the file with every warehouse table and no rows; the connection is closed. */
  static Path create(Path file) throws SQLException, IOException {
    Files.createDirectories(file.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement st = c.createStatement()) {
      StarSchema.create(c);
    }
    return file;
  }

  /**
   * Adds one delivered web order of one line, with the dimension rows it refers to: DuckDB's
   * planner drops scans of empty tables, so a plan over an empty star shows no reads at all.
   */
  static void addOneDeliveredOrder(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO dim_date VALUES (20250115, DATE '2025-01-15', 2025, 1, 1, 'January',"
              + " 202501, 3, 15, 3, 'Wednesday', false)");
      st.execute("INSERT INTO dim_geography VALUES (1, 'DE', 'Germany', 'Europe')");
      st.execute("INSERT INTO dim_channel VALUES (1, 'web', 'Web shop')");
      st.execute(
          "INSERT INTO dim_store VALUES (0, 'none', 'no store', 'none', 'Unknown', 0, 'EUR',"
              + " NULL)");
      st.execute(
          "INSERT INTO dim_customer VALUES (11, 1, 'ada@example.org', 'Ada', NULL, NULL,"
              + " 'consumer', 'Berlin', '10115', 1, TIMESTAMPTZ '2024-07-01 00:00:00Z',"
              + " TIMESTAMPTZ '2024-07-01 00:00:00Z', NULL, true, false, false, false, false)");
      st.execute(
          "INSERT INTO dim_product VALUES (21, 1, 'SKU-1', 'Pan', 'Cookware', 'kitchen',"
              + " 'Acme Trading 1', 'NL', 'EU-West', 20.00, 8.00,"
              + " TIMESTAMPTZ '2024-07-01 00:00:00Z', NULL, true, false, false)");
      st.execute(
          "INSERT INTO fact_sales VALUES (1, 1, 20250115, 11, 21, 0, 1, 1, 'delivered', 'EUR',"
              + " 2, 10, 20.00, 40.00, 36.00, 1.00000000, 36.00, 16.00)");
      st.execute(
          "INSERT INTO fact_order_fulfillment VALUES (1, 11, 0, 1, 20250115, 'delivered',"
              + " TIMESTAMPTZ '2025-01-15 10:00:00Z', TIMESTAMPTZ '2025-01-15 10:05:00Z',"
              + " TIMESTAMPTZ '2025-01-16 09:00:00Z', TIMESTAMPTZ '2025-01-18 12:00:00Z', NULL,"
              + " NULL, 0.08, 22.92, 51.00, 74.00, 1, 36.00, 0.00, false)");
    }
  }
}
