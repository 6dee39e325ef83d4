package lab.shop.gen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A foreign-key constraint as PostgreSQL reports it, so a bulk load can drop it and add it back.
 *
 * <p>Checked row by row, the foreign keys cost a COPY about half its time; added back after the
 * load, each is validated by one join over the whole table. Both happen in the load's transaction,
 * so no other session ever sees the tables without their constraints, and a row that breaks one
 * fails the whole load as it would have row by row.
 */
record ForeignKey(String table, String name, String definition) {

  /** Drops every foreign key declared on the given tables and returns them, to restore later. */
  static List<ForeignKey> dropAll(Connection c, List<String> tables) throws SQLException {
    List<ForeignKey> keys = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                + " FROM pg_constraint WHERE contype = 'f'"
                + " AND conrelid::regclass::text = ANY (?) ORDER BY conrelid::regclass::text, conname")) {
      ps.setArray(1, c.createArrayOf("text", tables.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    try (Statement st = c.createStatement()) {
      for (ForeignKey key : keys) {
        st.execute("ALTER TABLE " + key.table + " DROP CONSTRAINT " + quote(key.name));
      }
    }
    return keys;
  }

  /** Adds the keys back; each validates every row already in its table. */
  static void restoreAll(Connection c, List<ForeignKey> keys) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (ForeignKey key : keys) {
        st.execute(
            "ALTER TABLE "
                + key.table
                + " ADD CONSTRAINT "
                + quote(key.name)
                + " "
                + key.definition);
      }
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
