package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import lab.bench.DuckDbPlan;
import lab.bench.PlanFacts;
import lab.bench.PostgresPlan;
import lab.bench.TableRead;
import lab.bench.catalog.CatalogQuery;
import lab.bench.catalog.Engine;
import lab.bench.catalog.QueryCatalog;
import lab.bench.catalog.ResultRows;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.schema.ShopMigrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every catalog query on a real PostgreSQL shop (it finds rows) and on an empty DuckDB star built
 * from the ETL's contract, holding one order (its tables and columns exist, and EXPLAIN ANALYZE
 * shows what each query reads). Whether the two forms agree needs a star the ETL built: {@link
 * CatalogEqualityIT}.
 */
class CatalogIT {

  /** 1,000 products give 20 suppliers, so every supplier region and every query finds rows. */
  private static final ShopSize SHOP = new ShopSize(1_000, 1_000, 5_000);

  @TempDir static Path home;
  private static LocalLab lab;
  private static Path star;
  private static final QueryCatalog catalog = QueryCatalog.load();

  @BeforeAll
  static void seededShopAndEmptyStar() throws Exception {
    LabSettings settings = TestLab.settings(home);
    lab = new LocalLab(settings);
    lab.postgres().start();
    lab.postgres().recreateShopDatabase();
    try (Connection c = lab.postgres().connectShop()) {
      ShopMigrations.migrate(lab.postgres().shopDataSource());
      new ShopSeeder().seed(c, SHOP, 42, n -> {});
    }
    star = EmptyStar.create(home.resolve("star").resolve("star_contract.duckdb"));
    EmptyStar.addOneDeliveredOrder(star);
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.down();
    }
  }

  @Test
  void everyPostgresQueryFindsRowsOnTheSeededShopAndItsPlanNamesTheShopTables() throws Exception {
    try (Connection c = lab.postgres().connectShop()) {
      for (CatalogQuery q : catalog.all()) {
        ResultRows rows = ResultRows.of(c, q.body(Engine.POSTGRES));
        assertThat(rows.size()).as(q.id() + " rows").isPositive();

        PlanFacts plan = PostgresPlan.explain(c, q.body(Engine.POSTGRES));
        assertThat(plan.error()).as(q.id()).isNull();
        assertThat(plan.tables().stream().map(TableRead::table)).as(q.id()).contains("orders");
        for (TableRead t : plan.tables()) {
          assertThat(t.columnsRead()).as(q.id() + " " + t.table()).hasSize(t.columnsInTable());
        }
        // fulfillment_lag measures delivered orders, whatever their status
        String filter = q.id().equals("fulfillment_lag") ? "ordered_at" : "status";
        assertThat(plan.tables())
            .as(q.id() + ": a scan of orders that visits rows and uses " + filter)
            .anyMatch(
                t ->
                    t.table().equals("orders")
                        && t.rowsScanned() > 0
                        && t.columnsUsed().contains(filter));
      }
    }
  }

  @Test
  void everyDuckDbQueryRunsOnTheContractsStarWithTheShopFormsColumns() throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + star, readOnly);
        Connection pg = lab.postgres().connectShop()) {
      int answered = 0;
      for (CatalogQuery q : catalog.all()) {
        ResultRows onStar = ResultRows.of(duck, q.body(Engine.DUCKDB));
        ResultRows onShop = ResultRows.of(pg, q.body(Engine.POSTGRES));
        assertThat(onStar.columns()).as(q.id() + " columns").isEqualTo(onShop.columns());

        PlanFacts plan = DuckDbPlan.explain(duck, q.body(Engine.DUCKDB));
        assertThat(plan.error()).as(q.id()).isNull();
        // With one order in the star, the planner drops the scans of queries whose filters the
        // table statistics rule out; a query that returns a row must have read it.
        if (onStar.size() > 0) {
          answered++;
          assertThat(plan.tables()).as(q.id() + " scans").isNotEmpty();
          assertThat(plan.rowsScanned()).as(q.id() + " rows scanned").isPositive();
        }
        for (TableRead t : plan.tables()) {
          assertThat(t.columnsRead()).as(q.id() + " " + t.table()).isNotEmpty();
          assertThat(t.columnsRead().size())
              .as(q.id() + " " + t.table() + " columns read")
              .isLessThan(t.columnsInTable());
        }
      }
      assertThat(answered).as("queries answered from the one order").isGreaterThanOrEqualTo(5);
    }
  }
}
