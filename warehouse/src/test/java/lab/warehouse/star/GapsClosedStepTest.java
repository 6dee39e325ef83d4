package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import lab.warehouse.sink.Gap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gaps_closed step: a gap closes when the event arrives late or is re-read from the shop. */
class GapsClosedStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void aGapClosesByTheStreamByARepairOrByTheRepairsVerdict() throws SQLException {
    star.apply(
        shop()
            .order(1, 10L, "shipped", NEW_YEAR, "EUR", null, 200)
            .order(2, 10L, "paid", NEW_YEAR, "EUR", null, 201));

    star.apply(new ShopChanges().payment(1, 1, 300)); // late, through the stream
    star.apply(new ShopChanges().payment(2, 2, 0)); // re-read from the shop: source position 0
    star.sink()
        .closeGaps(List.of(new Gap(1, Gap.SHIPPED_WITHOUT_SHIPMENT)), "not in the shop either");

    assertThat(star.sink().openGaps(0, 10)).isEmpty();
    assertThat(star.query("SELECT order_id, gap, outcome FROM etl_repair_log ORDER BY 1, 2"))
        .isEqualTo(
            "1|paid without a payment|arrived in the stream\n"
                + "1|shipped without a shipment|not in the shop either\n"
                + "2|paid without a payment|repaired from the shop");
    assertThat(
            star.query(
                "SELECT order_id, paid_at IS NOT NULL, repaired FROM fact_order_fulfillment"
                    + " ORDER BY 1"))
        .isEqualTo("1|true|false\n2|true|true");

    // The repaired payment's own change arrives after all: it replaces the re-read row, and the
    // fact no longer stands on a repair, as if the event had been on time (as in a backfill).
    star.apply(new ShopChanges().payment(2, 2, 400));
    assertThat(
            star.query(
                "SELECT order_id, paid_at IS NOT NULL, repaired FROM fact_order_fulfillment"
                    + " ORDER BY 1"))
        .isEqualTo("1|true|false\n2|true|false");
    assertThat(star.query("SELECT outcome FROM etl_repair_log WHERE order_id = 2"))
        .isEqualTo("repaired from the shop");
  }
}
