package lab.shop.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a PostgreSQL database up to the shop schema with Flyway: the versioned scripts {@code
 * V<n>__<description>.sql} in {@code lab/shop/migrations}, each applied once in its own transaction
 * and recorded in {@code flyway_schema_history}.
 */
public final class ShopMigrations {

  /** Where the scripts are, on the classpath. */
  static final String LOCATION = "classpath:lab/shop/migrations";

  /** The history table of the lab's own runner, before Flyway took over. */
  static final String OLD_HISTORY = "shop_schema_history";

  private static final Logger log = LoggerFactory.getLogger(ShopMigrations.class);

  private ShopMigrations() {}

  /**
   * Applies every migration the database has not had yet. A shop migrated by the lab's earlier
   * runner is first baselined at the version its history records, so nothing runs twice.
   *
   * @return the descriptions of the migrations applied now (for example {@code "create shop"}), in
   *     order; empty if the database was already up to date
   * @throws IllegalStateException if an applied script has changed since, or the database has
   *     tables but no migration history, with what to do
   */
  public static List<String> migrate(DataSource shop) throws SQLException {
    Flyway flyway =
        Flyway.configure(ShopMigrations.class.getClassLoader())
            .dataSource(shop)
            .locations(LOCATION)
            .load();
    try {
      adoptOldHistory(shop, flyway);
      MigrateResult result = flyway.migrate();
      if (result.migrationsExecuted == 0) {
        log.info("shop schema is up to date at version {}", result.initialSchemaVersion);
      }
      return result.migrations.stream().map(m -> m.description).toList();
    } catch (FlywayException e) {
      throw failure(e);
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

  /**
   * A shop the earlier runner migrated has its history in {@code shop_schema_history} and none in
   * Flyway's table: Flyway takes it over from the highest version recorded there, and the old table
   * goes, so that one history remains.
   */
  private static void adoptOldHistory(DataSource shop, Flyway flyway) throws SQLException {
    try (Connection c = shop.getConnection();
        Statement st = c.createStatement()) {
      int recorded;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT to_regclass('"
                  + OLD_HISTORY
                  + "') IS NOT NULL AND to_regclass('flyway_schema_history') IS NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return;
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + OLD_HISTORY)) {
        rs.next();
        recorded = rs.getInt(1);
      }
      if (recorded > 0) {
        Flyway.configure(ShopMigrations.class.getClassLoader())
            .configuration(flyway.getConfiguration())
            .baselineVersion(String.valueOf(recorded))
            // no quote in it: Flyway writes the baseline row with the description inlined in its
            // SQL
            .baselineDescription("applied by the earlier migration runner of the lab")
            .load()
            .baseline();
        log.info("shop schema history taken over by Flyway at version {}", recorded);
      }
      st.execute("DROP TABLE " + OLD_HISTORY);
    }
  }

  private static RuntimeException failure(FlywayException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    String advice;
    if (message.contains("checksum mismatch")) {
      advice =
          "an applied migration in "
              + LOCATION
              + " was changed: restore the file and put the change in a new migration";
    } else if (message.contains("non-empty schema")) {
      advice =
          "the database has tables but no migration history: point --pg-url at an empty database"
              + " or at one the lab migrated";
    } else {
      advice = "fix the cause above; each migration is applied whole or not at all";
    }
    return new IllegalStateException(
        "the shop's schema migrations stopped: " + message + "\n" + advice, e);
  }
}
