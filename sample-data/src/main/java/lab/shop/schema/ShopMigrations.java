package lab.shop.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a PostgreSQL database up to the shop schema by applying versioned SQL migrations. */
public final class ShopMigrations {

  // The classpath folder holding index.txt and the V<n>__<description>.sql files.
  static final String FOLDER = "lab/shop/migrations/";

  private static final Logger log = LoggerFactory.getLogger(ShopMigrations.class);

  // Any fixed key will do; it only has to be the same for every process migrating this database.
  private static final long MIGRATION_LOCK_KEY = 0x73686f705f6d6967L;

  private static final String CREATE_HISTORY =
      """
      CREATE TABLE IF NOT EXISTS shop_schema_history (
          version     INT PRIMARY KEY,
          description TEXT NOT NULL,
          checksum    TEXT NOT NULL,
          applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
      )""";

  private ShopMigrations() {}

  /**
   * Applies every migration not yet recorded in {@code shop_schema_history}, each in its own
   * transaction together with its history row.
   *
   * <p>The connection is left in the auto-commit mode it had; a transaction the caller left open is
   * committed first.
   *
   * @return the descriptions of the migrations applied now (for example {@code "create shop"}), in
   *     order; empty if the database was already up to date
   * @throws IllegalStateException if an applied migration's file has changed since, or the
   *     migration list on the classpath is broken
   */
  public static List<String> migrate(Connection c) throws SQLException {
    List<Migration> available = MigrationIndex.load(ShopMigrations.class.getClassLoader(), FOLDER);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    try {
      // Two programs of the lab may start at once; the session lock makes the second wait and
      // then find nothing left to do, instead of both creating the same tables.
      execute(c, "SELECT pg_advisory_lock(" + MIGRATION_LOCK_KEY + ")");
      try {
        execute(c, CREATE_HISTORY);
        Map<Integer, String> applied = appliedChecksums(c);
        verify(available, applied);
        List<String> done = new ArrayList<>();
        for (Migration m : available) {
          if (!applied.containsKey(m.version())) {
            apply(c, m);
            done.add(m.description());
          }
        }
        if (done.isEmpty()) {
          log.info("shop schema is up to date at version {}", latest(available));
        }
        return List.copyOf(done);
      } finally {
        unlock(c);
      }
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** True if the table {@code customers} exists (on the search path) and has at least one row. */
  public static boolean hasShopData(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet exists = st.executeQuery("SELECT to_regclass('customers') IS NOT NULL")) {
      exists.next();
      if (!exists.getBoolean(1)) {
        return false;
      }
    }
    try (Statement st = c.createStatement();
        ResultSet any = st.executeQuery("SELECT EXISTS (SELECT 1 FROM customers)")) {
      any.next();
      return any.getBoolean(1);
    }
  }

  private static Map<Integer, String> appliedChecksums(Connection c) throws SQLException {
    Map<Integer, String> applied = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM shop_schema_history")) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getString(2));
      }
    }
    return applied;
  }

  private static void verify(List<Migration> available, Map<Integer, String> applied) {
    Map<Integer, String> unknown = new HashMap<>(applied);
    for (Migration m : available) {
      String recorded = unknown.remove(m.version());
      if (recorded != null && !recorded.equals(m.checksum())) {
        throw new IllegalStateException(
            "migration "
                + FOLDER
                + m.fileName()
                + " was changed after it was applied (recorded SHA-256 "
                + recorded
                + ", file now "
                + m.checksum()
                + "); restore the file and put the change in a new migration instead");
      }
    }
    if (!unknown.isEmpty()) {
      // A newer build migrated this database; older code can still work with it, so only warn.
      log.warn(
          "shop_schema_history records versions {} that this build does not know; is it older"
              + " than the build that migrated the database?",
          unknown.keySet());
    }
  }

  private static void apply(Connection c, Migration m) throws SQLException {
    long started = System.nanoTime();
    c.setAutoCommit(false);
    try (Statement script = c.createStatement();
        PreparedStatement history =
            c.prepareStatement(
                "INSERT INTO shop_schema_history (version, description, checksum)"
                    + " VALUES (?, ?, ?)")) {
      script.execute(m.sql());
      history.setInt(1, m.version());
      history.setString(2, m.description());
      history.setString(3, m.checksum());
      history.executeUpdate();
      c.commit();
    } catch (SQLException e) {
      rollback(c, e);
      throw new SQLException(
          "migration " + FOLDER + m.fileName() + " failed and was rolled back: " + e.getMessage(),
          e.getSQLState(),
          e);
    } catch (RuntimeException e) {
      rollback(c, e);
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    log.info(
        "applied shop migration {} in {} ms",
        m.fileName(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void unlock(Connection c) {
    try {
      execute(c, "SELECT pg_advisory_unlock(" + MIGRATION_LOCK_KEY + ")");
    } catch (SQLException e) {
      // Not worth hiding the real outcome for: the lock goes away with the session anyway.
      log.warn("could not release the shop migration lock: {}", e.getMessage());
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static int latest(List<Migration> available) {
    return available.isEmpty() ? 0 : available.get(available.size() - 1).version();
  }
}
