package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The customer_activity step: recency, frequency and monetary value per conformed customer. */
class CustomerActivityStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void aCustomersOrdersWithoutTheCancelledOnesAndTheLatestSegment() throws SQLException {
    star.apply(
        shop()
            .customer(10, "consumer", 100)
            .order(1, 10L, "delivered", NEW_YEAR, "EUR", null, 200)
            .line(1, 1, 7, 2, "10.00", 0, 201)
            .order(2, 10L, "paid", "2026-01-05 10:00:00.000000Z", "EUR", null, 202)
            .line(2, 1, 7, 1, "10.00", 0, 203)
            .order(3, 10L, "cancelled", "2026-01-09 10:00:00.000000Z", "EUR", null, 204)
            .line(3, 1, 7, 9, "10.00", 0, 205));
    star.apply(new ShopChanges().customer(10, "vip", 500));

    assertThat(
            star.query(
                "SELECT customer_id, strftime(first_order_at, '%Y-%m-%d'),"
                    + " strftime(last_order_at, '%Y-%m-%d'), frequency, monetary_rpt, segment"
                    + " FROM customer_activity WHERE customer_id = 10"))
        .isEqualTo("10|2026-01-01|2026-01-05|2|30.00|vip");
  }
}
