package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.MOVED;
import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The touched_keys step: a change of a child row alone rebuilds what its parent feeds. */
class TouchedKeysStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void aPaymentAloneRebuildsItsOrdersFulfillment() throws SQLException {
    star.apply(
        shop().customer(10, "consumer", 100).order(1, 10L, "paid", NEW_YEAR, "EUR", null, 200));
    assertThat(star.query("SELECT paid_at IS NULL FROM fact_order_fulfillment")).isEqualTo("true");

    star.apply(new ShopChanges().payment(1, 1, 300));

    assertThat(
            star.query(
                "SELECT order_id, strftime(paid_at, '%Y-%m-%d %H:%M') FROM fact_order_fulfillment"))
        .isEqualTo("1|2026-01-01 09:00");
  }

  @Test
  void aShipmentAloneRebuildsItsOrdersFulfillment() throws SQLException {
    star.apply(
        shop().customer(10, "consumer", 100).order(1, 10L, "shipped", NEW_YEAR, "EUR", null, 200));

    star.apply(new ShopChanges().shipment(1, 1, MOVED, null, 300));

    assertThat(star.query("SELECT strftime(shipped_at, '%Y-%m-%d') FROM fact_order_fulfillment"))
        .isEqualTo("2026-02-01");
  }
}
