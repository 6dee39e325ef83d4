package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import lab.services.LocalLab;
import lab.shop.schema.ShopMigrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shop's migrations on a real PostgreSQL, through Flyway: once each, and never changed. */
class ShopMigrationsIT {

  @TempDir static Path home;
  private static LocalLab lab;

  @BeforeAll
  static void start() {
    lab = new LocalLab(TestLab.settings(home));
    lab.postgres().start();
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.down();
    }
  }

  @BeforeEach
  void emptyShop() {
    lab.postgres().recreateShopDatabase();
  }

  @Test
  void anEmptyDatabaseGetsEveryMigrationOnceInOrder() throws SQLException {
    assertThat(ShopMigrations.migrate(lab.postgres().shopDataSource()))
        .containsExactly("create shop", "full shop", "etl reader");
    assertThat(ShopMigrations.migrate(lab.postgres().shopDataSource())).isEmpty();

    assertThat(
            rows(
                "SELECT version, description, success FROM flyway_schema_history"
                    + " ORDER BY installed_rank"))
        .containsExactly("1|create shop|t", "2|full shop|t", "3|etl reader|t");
    assertThat(rows("SELECT to_regclass('order_items') IS NOT NULL")).containsExactly("t");
  }

  @Test
  void aShopTheEarlierRunnerMigratedIsTakenOverWithoutRunningAnythingTwice() throws SQLException {
    ShopMigrations.migrate(lab.postgres().shopDataSource());
    // what the lab's own runner left: its history table, and no Flyway history
    execute(
        "DROP TABLE flyway_schema_history;"
            + " CREATE TABLE shop_schema_history (version INT PRIMARY KEY, description TEXT NOT NULL,"
            + " checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());"
            + " INSERT INTO shop_schema_history (version, description, checksum) VALUES"
            + " (1, 'create shop', 'x'), (2, 'full shop', 'x'), (3, 'etl reader', 'x')");

    assertThat(ShopMigrations.migrate(lab.postgres().shopDataSource())).isEmpty();

    assertThat(rows("SELECT version, type FROM flyway_schema_history ORDER BY installed_rank"))
        .containsExactly("3|BASELINE");
    assertThat(rows("SELECT to_regclass('shop_schema_history') IS NULL")).containsExactly("t");
  }

  @Test
  void anAppliedMigrationThatChangedIsRefusedWithWhatToDo() throws SQLException {
    ShopMigrations.migrate(lab.postgres().shopDataSource());
    execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

    assertThatThrownBy(() -> ShopMigrations.migrate(lab.postgres().shopDataSource()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the shop's schema migrations stopped")
        .hasMessageContaining("restore the file and put the change in a new migration");
  }

  @Test
  void aDatabaseWithTablesButNoHistoryIsRefusedAndLeftAsItWas() throws SQLException {
    execute("CREATE TABLE someone_elses (id INT)");

    assertThatThrownBy(() -> ShopMigrations.migrate(lab.postgres().shopDataSource()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no migration history");
    assertThat(rows("SELECT to_regclass('customers') IS NULL")).containsExactly("t");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = lab.postgres().connectShop();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = lab.postgres().connectShop();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getString(i));
        }
        out.add(String.join("|", cells));
      }
    }
    return out;
  }
}
