package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import lab.bench.catalog.CatalogQuery;
import lab.bench.catalog.Engine;
import lab.bench.catalog.QueryCatalog;
import lab.bench.catalog.ResultRows;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.shop.gen.MessyData;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import lab.verify.Reconciler;
import lab.verify.WarehouseReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's two forms of every question give the same rows on the same data: the PostgreSQL
 * form on the shop and the DuckDB form on the star the ETL built from that shop, exactly (counts
 * and DECIMAL sums as exact decimals, rows compared as sorted sets since the engines' collations
 * order text differently).
 *
 * <p>{@link #assertEveryPairAgrees} is the check and takes any shop and star.
 */
class CatalogEqualityIT {

  private static final ShopSize SMALL_SHOP = new ShopSize(1_000, 1_000, 5_000);
  private static final Duration CATCH_UP = Duration.ofMinutes(4);

  @TempDir Path home;

  @Test
  void everyQueryGivesTheSameRowsOnTheShopAndOnTheStarBuiltFromIt() throws Exception {
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = TestLab.up(settings);
    try {
      TestLab.seedFreshShop(lab, SMALL_SHOP, 42, withoutDuplicatePersons());
      Pipeline pipeline = lab.pipeline();
      pipeline.startEtl();
      pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      await()
          .atMost(CATCH_UP)
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> reconciled(lab));
      try (Connection shop = lab.postgres().connectShop();
          WarehouseReader.Opened star = WarehouseReader.open(settings, true)) {
        assertEveryPairAgrees(shop, star.connection());
      }
    } finally {
      lab.down();
    }
  }

  /**
   * The customer queries (cohorts, RFM) count conformed persons on the star and shop ids on
   * PostgreSQL; they agree when no person is in the shop twice. Every other messy switch stays on.
   */
  private static ShopProfile withoutDuplicatePersons() {
    Set<MessyData> messy = EnumSet.copyOf(ShopProfile.REALISTIC.messy());
    messy.remove(MessyData.DUPLICATE_ENTITIES);
    return ShopProfile.REALISTIC.withMessy(messy);
  }

  /** Runs both forms of every catalog query and fails on the first pair that differs. */
  static void assertEveryPairAgrees(Connection shop, Connection star) throws SQLException {
    int withRows = 0;
    for (CatalogQuery q : QueryCatalog.load().all()) {
      ResultRows onShop = ResultRows.of(shop, q.body(Engine.POSTGRES));
      ResultRows onStar = ResultRows.of(star, q.body(Engine.DUCKDB));
      assertThat(onStar.columns()).as(q.id() + " columns").isEqualTo(onShop.columns());
      assertThat(onStar.sortedRows())
          .as(q.id() + " rows (" + q.question() + ")")
          .isEqualTo(onShop.sortedRows());
      assertThat(onStar.checksum()).as(q.id() + " checksum").isEqualTo(onShop.checksum());
      withRows += onShop.size() > 0 ? 1 : 0;
    }
    assertThat(withRows).as("queries that found rows").isGreaterThanOrEqualTo(15);
  }

  private static boolean reconciled(LocalLab lab) throws Exception {
    try (Connection shop = lab.postgres().connectShop();
        WarehouseReader.Opened wh = WarehouseReader.open(lab.settings(), true)) {
      return Reconciler.reconcile(shop, wh.connection()).ok();
    }
  }
}
