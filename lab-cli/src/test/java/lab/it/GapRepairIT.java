package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * A change the stream never delivers: the payments table is taken out of the capture's publication,
 * then an order is paid. The warehouse sees a paid order without a payment, and after the grace
 * period the ETL re-reads the payment from the shop as its read-only role and repairs the order's
 * fulfillment row.
 */
class GapRepairIT {

  private static final ShopSize TINY_SHOP = new ShopSize(300, 60, 2_000);

  @TempDir Path home;

  @Test
  void aPaymentTheStreamNeverDeliversIsReReadFromTheShop() throws Exception {
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = TestLab.up(settings);
    try {
      TestLab.seedFreshShop(lab, TINY_SHOP, 7, ShopProfile.REALISTIC);
      Pipeline pipeline = lab.pipeline();
      pipeline.startEtl();
      pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      long order;
      try (Connection shop = lab.postgres().connectShop();
          Statement s = shop.createStatement()) {
        // A new order, placed now: the seeded history's orders have all moved on.
        order =
            scalar(
                s,
                "INSERT INTO orders (customer_id, status, ordered_at, updated_at, channel_id,"
                    + " currency_code) VALUES (1, 'placed', now(), now(), 1, 'EUR')"
                    + " RETURNING order_id");
        s.execute(
            "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)"
                + " VALUES ("
                + order
                + ", 1, 1, 1, 12.34)");
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .until(
                () ->
                    "placed"
                        .equals(
                            warehouse(
                                lab,
                                "SELECT order_status FROM"
                                    + " fact_order_fulfillment WHERE order_id = "
                                    + order)));
        // The capture's publication loses the payments table: the payment below never streams.
        s.execute("ALTER PUBLICATION lab_shop_pub DROP TABLE payments");
        shop.setAutoCommit(false);
        s.execute(
            "INSERT INTO payments (order_id, method, amount, currency_code, status, paid_at)"
                + " SELECT order_id, 'card', 12.34, currency_code, 'captured', now()"
                + " FROM orders WHERE order_id = "
                + order);
        s.execute(
            "UPDATE orders SET status = 'paid', updated_at = now() WHERE order_id = " + order);
        shop.commit();
      }

      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(
              () ->
                  "repaired from the shop"
                      .equals(
                          warehouse(
                              lab,
                              "SELECT outcome FROM etl_repair_log WHERE order_id = " + order)));
      assertThat(
              warehouse(
                  lab,
                  "SELECT order_status || ' ' || (paid_at IS NOT NULL) || ' ' || repaired"
                      + " FROM fact_order_fulfillment WHERE order_id = "
                      + order))
          .isEqualTo("paid true true");
      assertThat(warehouse(lab, "SELECT amount FROM cur_payments WHERE order_id = " + order))
          .isEqualTo("12.34");
    } finally {
      lab.down();
    }
  }

  private static long scalar(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String warehouse(LocalLab lab, String sql) throws Exception {
    try (WarehouseReader.Opened wh = WarehouseReader.open(lab.settings(), true);
        Statement s = wh.connection().createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? String.valueOf(rs.getObject(1)) : null;
    }
  }
}
