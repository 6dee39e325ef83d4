package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lab.services.LocalLab;
import lab.shop.contract.ShopContract;
import lab.shop.contract.SourceColumn;
import lab.shop.contract.SourceTable;
import lab.shop.schema.ShopMigrations;
import lab.warehouse.schema.StarSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop's contract against what really exists: the tables the migrations create in PostgreSQL
 * and the warehouse's change layer. A column added to a migration and forgotten in the contract (or
 * the other way round) fails here.
 */
class ShopContractIT {

  @TempDir static Path home;
  private static LocalLab lab;

  @BeforeAll
  static void migratedShop() throws SQLException {
    lab = new LocalLab(TestLab.settings(home));
    lab.postgres().start();
    lab.postgres().recreateShopDatabase();
    ShopMigrations.migrate(lab.postgres().shopDataSource());
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.down();
    }
  }

  @Test
  void theMigrationsCreateExactlyTheContractsTables() throws SQLException {
    try (Connection c = lab.postgres().connectShop()) {
      assertThat(
              strings(
                  c,
                  "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                      + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'"
                      + " ORDER BY 1"))
          .containsExactlyInAnyOrderElementsOf(ShopContract.names());
    }
  }

  @Test
  void eachTableHasTheContractsColumnsTypesNullsAndKey() throws SQLException {
    try (Connection c = lab.postgres().connectShop()) {
      for (SourceTable table : ShopContract.TABLES) {
        List<String> actual = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT column_name, data_type, is_nullable, numeric_precision, numeric_scale, is_identity"
                    + " FROM information_schema.columns WHERE table_schema = 'public'"
                    + " AND table_name = ? ORDER BY ordinal_position")) {
          ps.setString(1, table.name());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              actual.add(rs.getString(1));
              SourceColumn column = table.column(rs.getString(1)).orElse(null);
              if (column == null) {
                continue; // reported by the comparison of names below
              }
              String where = table.name() + "." + column.name();
              assertThat(column.type().isPostgres(rs.getString(2)))
                  .as(
                      "%s is %s in PostgreSQL, %s in the contract",
                      where, rs.getString(2), column.type())
                  .isTrue();
              assertThat(rs.getString(3))
                  .as("%s nullable in PostgreSQL (contract: optional=%s)", where, column.optional())
                  .isEqualTo(column.optional() ? "YES" : "NO");
              assertThat(rs.getString(6))
                  .as(
                      "%s is an identity column in PostgreSQL (contract: %s)",
                      where, table.identity())
                  .isEqualTo(column.name().equals(table.identity()) ? "YES" : "NO");
              if (rs.getString(2).equals("numeric")) {
                assertThat(rs.getInt(4) + "," + rs.getInt(5)).as(where).isEqualTo("12,2");
              }
            }
          }
        }
        assertThat(actual).as("columns of %s", table.name()).isEqualTo(table.columnNames());
        assertThat(primaryKey(c, table.name()))
            .as("key of %s", table.name())
            .isEqualTo(table.key());
      }
    }
  }

  @Test
  void theChangeLayerHasATableWithEveryContractColumnForEachShopTable() throws SQLException {
    try (Connection duck =
        DriverManager.getConnection("jdbc:duckdb:" + home.resolve("contract.duckdb"))) {
      StarSchema.create(duck);
      assertThat(
              strings(
                  duck,
                  "SELECT substr(table_name, 5) FROM information_schema.tables"
                      + " WHERE table_name LIKE 'cur\\_%' ESCAPE '\\' ORDER BY 1"))
          .containsExactlyInAnyOrderElementsOf(ShopContract.names());
      for (SourceTable table : ShopContract.TABLES) {
        assertThat(
                strings(
                    duck,
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'cur_"
                        + table.name()
                        + "'"))
            .as("columns of cur_%s", table.name())
            .containsAll(table.columnNames());
      }
    }
  }

  private static List<String> primaryKey(Connection c, String table) throws SQLException {
    return strings(
        c,
        "SELECT a.attname FROM pg_index i"
            + " JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true"
            + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
            + " WHERE i.indrelid = 'public."
            + table
            + "'::regclass AND i.indisprimary ORDER BY k.n");
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
