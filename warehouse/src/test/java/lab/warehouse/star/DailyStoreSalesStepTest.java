package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The daily_store_sales step: every store on every day, an explicit zero where nothing sold. */
class DailyStoreSalesStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void everyStoreHasARowOnEveryDayAndADayWithoutSalesIsAZero() throws SQLException {
    star.apply(
        shop()
            .store(3, "BER-1", "DE", "EUR", 100)
            .order(1, null, "paid", NEW_YEAR, "EUR", "CARD-1", 200)
            .line(1, 1, 7, 2, "5.00", 0, 201)
            .order(2, null, "paid", "2026-01-03 10:00:00.000000Z", "EUR", "CARD-1", 202)
            .line(2, 1, 7, 1, "5.00", 0, 203)
            .order(3, null, "cancelled", "2026-01-03 11:00:00.000000Z", "EUR", "CARD-1", 204)
            .line(3, 1, 7, 4, "5.00", 0, 205));

    assertThat(
            star.query(
                "SELECT string_agg(date_key || ':' || orders || ':' || units || ':' || net_amount_rpt,"
                    + " ',' ORDER BY date_key) FROM fact_daily_store_sales WHERE store_key = 0"))
        .isEqualTo("20260101:1:2:10.00,20260102:0:0:0.00,20260103:1:1:5.00");
    assertThat(
            star.query(
                "SELECT count(*), sum(orders) FROM fact_daily_store_sales WHERE store_key = 3"))
        .isEqualTo("3|0");
  }
}
