package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import lab.verify.WarehouseReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture's replication slot is lost while the shop keeps writing ({@code lab down} drops it so
 * that it cannot pin the WAL; an operator may drop it too): the changes made meanwhile are gone
 * from the WAL, so the capture takes a new snapshot ({@code snapshot.mode=when_needed}). The
 * warehouse must take the whole shop a second time without counting anything twice and without a
 * new dimension version for every row that did not change.
 */
class ResnapshotIT {

  private static final ShopSize SHOP = new ShopSize(200, 40, 1_500);
  private static final Duration CATCH_UP = Duration.ofMinutes(4);
  private static final String ORDERS_TOPIC = LocalLab.TOPIC_PREFIX + "orders";

  @TempDir Path home;

  @Test
  void afterTheSlotIsLostTheNewSnapshotBringsTheMissedChangesAndDoublesNothing() throws Exception {
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = TestLab.up(settings);
    try {
      TestLab.seedFreshShop(lab, SHOP, 42, ShopProfile.REALISTIC);
      Pipeline pipeline = lab.pipeline();
      pipeline.startEtl();
      pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      TestLab.writeLive(lab, Duration.ofSeconds(4), 1);
      TestLab.awaitReconciled(lab, CATCH_UP);
      long firstSnapshot = snapshotReads(settings);
      long customerVersions = count(lab, "SELECT count(*) FROM dim_customer WHERE customer_id > 0");
      long productVersions = count(lab, "SELECT count(*) FROM dim_product WHERE product_id > 0");

      pipeline.stopCdc();
      assertThat(lab.postgres().dropReplicationSlot()).as("the slot was there to drop").isTrue();
      TestLab.writeLive(lab, Duration.ofSeconds(6), 2); // only a new snapshot can bring these
      pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      TestLab.awaitReconciled(lab, CATCH_UP);

      assertThat(snapshotReads(settings))
          .as("snapshot reads in %s: the capture took a second snapshot", ORDERS_TOPIC)
          .isGreaterThanOrEqualTo(firstSnapshot + SHOP.orders());
      // Six seconds of writes move a few customers and reprice a few products; a re-read row
      // that did not change must not start a version of its own.
      assertThat(count(lab, "SELECT count(*) FROM dim_customer WHERE customer_id > 0"))
          .as("dim_customer rows, %d before the second snapshot", customerVersions)
          .isLessThan(customerVersions + SHOP.customers() / 4);
      assertThat(count(lab, "SELECT count(*) FROM dim_product WHERE product_id > 0"))
          .as("dim_product rows, %d before the second snapshot", productVersions)
          .isLessThan(productVersions + SHOP.products() / 4);
    } finally {
      lab.down();
    }
  }

  private static long count(LocalLab lab, String sql) throws SQLException {
    try (WarehouseReader.Opened wh = WarehouseReader.open(lab.settings(), true);
        Statement s = wh.connection().createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Snapshot reads (op "r") in the orders topic, drained to its end offsets. */
  private static long snapshotReads(LabSettings settings) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long[] reads = {0};
    TestLab.drainTopics(
        settings,
        ORDERS_TOPIC::equals,
        r -> {
          if ("r".equals(json.readTree(r.value()).path("op").asText())) {
            reads[0]++;
          }
        });
    return reads[0];
  }
}
