package lab.shop.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fingerprint of each shop table's content: the md5 of every row's text, in a fixed order. Two
 * shops seeded with the same seed, scale and profile have the same fingerprints on any machine,
 * which is what exercises check exact answers against.
 */
public final class ShopChecksums {

  /** Every table of the shop, reference data included, in dependency order. */
  public static final List<String> TABLES = ShopTables.ALL;

  private ShopChecksums() {}

  /** Table name to "rows:md5"; an empty table's md5 is "empty". */
  public static Map<String, String> of(Connection c) throws SQLException {
    Map<String, String> sums = new LinkedHashMap<>();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      // A row's text shows timestamps in the session's time zone and date style: fix both, for
      // this transaction only, so the sums agree between servers configured differently.
      st.execute("SET LOCAL TimeZone = 'UTC'");
      st.execute("SET LOCAL DateStyle = 'ISO, YMD'");
      for (String table : TABLES) {
        // Rows as text, sorted as text: independent of physical order and of the plan.
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)),"
                    + " 'empty') FROM "
                    + table
                    + " t")) {
          rs.next();
          sums.put(table, rs.getLong(1) + ":" + rs.getString(2));
        }
      }
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
    }
    return sums;
  }
}
