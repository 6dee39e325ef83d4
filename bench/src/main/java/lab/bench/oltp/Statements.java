package lab.bench.oltp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements of one connection, prepared on first use. DuckDB's JDBC driver closes a
 * statement whose execution failed (a write conflict, say), so a closed one is prepared again.
 */
final class Statements implements AutoCloseable {

  private final Connection c;
  private final Map<String, PreparedStatement> bySql = new HashMap<>();

  Statements(Connection c) {
    this.c = c;
  }

  PreparedStatement get(String sql) throws SQLException {
    PreparedStatement ps = bySql.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = c.prepareStatement(sql);
      bySql.put(sql, ps);
    }
    return ps;
  }

  @Override
  public void close() {
    for (PreparedStatement ps : bySql.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        // The connection is going away or already gone; there is nothing left to release.
      }
    }
    bySql.clear();
  }
}
