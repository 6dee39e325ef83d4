package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.SIGN_UP;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformed_customers step: duplicate persons become one conformed customer. */
class ConformedCustomersStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void theSamePersonRegisteredTwiceIsOneConformedCustomer() throws SQLException {
    star.apply(
        shop()
            .customer(10, "consumer", 100)
            .address(1, 10, "Berlin", "DE", SIGN_UP, 101)
            .customer(11, "consumer", 102)
            .address(2, 11, "Berlin", "DE", SIGN_UP, 103)
            .order(1, 11L, "paid", NEW_YEAR, "EUR", null, 200)
            .line(1, 1, 7, 1, "5.00", 0, 201));

    assertThat(
            star.query(
                "SELECT source_customer_id, customer_id, match_rule FROM customer_id_map"
                    + " WHERE source_customer_id IS NOT NULL ORDER BY 1"))
        .isEqualTo("10|10|self\n11|10|name+birth_date+postcode");
    assertThat(
            star.query(
                "SELECT c.customer_id FROM fact_sales JOIN dim_customer c USING (customer_key)"))
        .isEqualTo("10");
  }

  @Test
  void aPersonsLaterArrivingFirstRegistrationTakesOverAndTheMergedIdLeavesTheDimension()
      throws SQLException {
    // Same name, birth date and first postcode: one person, whose conformed id is the lowest
    // shop id. The scale-1 CDC snapshot delivered such pairs in two batches, higher id first,
    // and the higher id kept dimension rows of its own (2,071 at scale 1; a backfill, cut into
    // other batches, had 11).
    star.apply(shop().customer(20, "consumer", 100).address(2, 20, "Berlin", "DE", SIGN_UP, 101));
    star.apply(
        new ShopChanges()
            .customer(10, "business", 200)
            .address(1, 10, "Berlin", "DE", SIGN_UP, 201)
            .order(1, 20L, "paid", NEW_YEAR, "EUR", null, 202)
            .line(1, 1, 7, 1, "5.00", 0, 203));

    assertThat(
            star.query(
                "SELECT string_agg(DISTINCT customer_id, ',') FROM dim_customer WHERE customer_id > 0"))
        .isEqualTo("10");
    assertThat(
            star.query(
                "SELECT c.customer_id, c.segment FROM fact_sales f"
                    + " JOIN dim_customer c USING (customer_key)"))
        .isEqualTo("10|business");
  }
}
