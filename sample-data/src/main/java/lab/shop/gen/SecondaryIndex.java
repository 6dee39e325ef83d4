package lab.shop.gen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain (non-unique) index, so a bulk load can drop it and build it again afterwards: one sort of
 * the finished table is cheaper than millions of single insertions into a B-tree. Unique indexes
 * stay, since they are constraints; like {@link ForeignKey}, this happens inside the load's
 * transaction, so no other session sees a table without its index.
 */
record SecondaryIndex(String name, String definition) {

  static List<SecondaryIndex> dropAll(Connection c, List<String> tables) throws SQLException {
    List<SecondaryIndex> indexes = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                + " WHERE NOT i.indisunique AND i.indrelid::regclass::text = ANY (?)"
                + " ORDER BY 1")) {
      ps.setArray(1, c.createArrayOf("text", tables.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          indexes.add(new SecondaryIndex(rs.getString(1), rs.getString(2)));
        }
      }
    }
    try (Statement st = c.createStatement()) {
      for (SecondaryIndex index : indexes) {
        st.execute("DROP INDEX " + index.name);
      }
    }
    return indexes;
  }

  static void restoreAll(Connection c, List<SecondaryIndex> indexes) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (SecondaryIndex index : indexes) {
        st.execute(index.definition);
      }
    }
  }
}
