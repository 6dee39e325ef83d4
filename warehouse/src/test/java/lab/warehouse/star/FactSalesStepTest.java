package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.SIGN_UP;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fact_sales step: an order line with its dimensions' keys, in both currencies. */
class FactSalesStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void anOrderLineBecomesAFactWithItsDimensionsKeysAndBothCurrencies() throws SQLException {
    star.apply(
        shop().customer(10, "consumer", 100).address(1, 10, "Berlin", "Germany", SIGN_UP, 101));
    star.apply(
        new ShopChanges()
            .order(1, 10L, "paid", NEW_YEAR, "SEK", null, 200)
            .line(1, 1, 7, 3, "10.00", 10, 201));

    // 3 x 10.00 SEK less 10 % = 27.00 SEK; the order's day has no SEK rate, so the rate of the
    // day before (11.5 SEK per EUR) is carried forward: 2.35 EUR
    assertThat(
            star.query(
                "SELECT f.date_key, c.city, g.country_code, p.category, f.currency_code,"
                    + " f.net_amount, f.fx_rate_to_rpt, f.net_amount_rpt, f.cost_amount_rpt"
                    + " FROM fact_sales f"
                    + " JOIN dim_customer c USING (customer_key)"
                    + " JOIN dim_geography g ON g.geography_key = f.geography_key"
                    + " JOIN dim_product p USING (product_key)"))
        .isEqualTo("20260101|Berlin|DE|Shoes|SEK|27.00|11.50000000|2.35|12.00");
  }
}
