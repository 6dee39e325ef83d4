package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order_fulfillment step: one row per order with its milestones and the lags between them. */
class OrderFulfillmentStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void anOrdersMilestonesAndTheHoursBetweenThem() throws SQLException {
    star.apply(
        shop()
            .customer(10, "consumer", 100)
            .order(1, 10L, "delivered", "2026-01-01 08:00:00.000000Z", "EUR", null, 200)
            .line(1, 1, 7, 2, "10.00", 0, 201)
            .line(1, 2, 7, 1, "10.00", 50, 202)
            .payment(1, 1, 203) // paid at 09:00
            .shipment(1, 1, "2026-01-02 09:00:00.000000Z", "2026-01-04 21:00:00.000000Z", 204));

    assertThat(
            star.query(
                "SELECT order_id, order_status, placed_date_key, hours_to_pay, hours_to_ship,"
                    + " hours_to_deliver, hours_placed_to_delivered, lines, order_amount_rpt,"
                    + " repaired FROM fact_order_fulfillment"))
        .isEqualTo("1|delivered|20260101|1.00|24.00|60.00|85.00|2|25.00|false");
  }
}
