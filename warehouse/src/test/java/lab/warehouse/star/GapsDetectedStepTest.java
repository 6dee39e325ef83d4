package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import lab.warehouse.sink.Gap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gaps_detected step: a status that needs an event the stream has not delivered. */
class GapsDetectedStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void aStatusWithoutTheEventItNeedsIsAnOpenGap() throws SQLException {
    star.apply(
        shop()
            .store(3, "BER-1", "DE", "EUR", 100)
            .order(1, 10L, "shipped", NEW_YEAR, "EUR", null, 200)
            .order(2, 10L, "paid", NEW_YEAR, "EUR", null, 201)
            .order(3, 10L, "placed", NEW_YEAR, "EUR", null, 202)
            .row(
                "orders",
                203,
                "{\"order_id\":4,\"customer_id\":10,\"status\":\"delivered\",\"ordered_at\":\""
                    + NEW_YEAR
                    + "\",\"updated_at\":\""
                    + NEW_YEAR
                    + "\",\"channel_id\":1,\"store_id\":3,\"currency_code\":\"EUR\"}")
            .payment(4, 4, 204));

    // a placed order needs nothing yet; a store order is handed over at the till, never shipped
    assertThat(star.sink().openGaps(0, 10))
        .containsExactlyInAnyOrder(
            new Gap(1, Gap.PAID_WITHOUT_PAYMENT),
            new Gap(1, Gap.SHIPPED_WITHOUT_SHIPMENT),
            new Gap(2, Gap.PAID_WITHOUT_PAYMENT));
  }
}
