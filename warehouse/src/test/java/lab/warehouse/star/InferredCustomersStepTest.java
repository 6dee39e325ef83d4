package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.SIGN_UP;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inferred_customers step: an order's customer before the customer arrives, and key 0. */
class InferredCustomersStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void anOrdersCustomerNotDeliveredYetIsInferredAndCompletedInPlace() throws SQLException {
    star.apply(
        shop().order(1, 10L, "paid", NEW_YEAR, "EUR", null, 200).line(1, 1, 7, 1, "5.00", 0, 201));
    String inferred =
        star.query(
            "SELECT customer_key, full_name, segment, is_inferred FROM dim_customer"
                + " WHERE customer_id = 10");

    star.apply(
        new ShopChanges().customer(10, "vip", 300).address(1, 10, "Berlin", "DE", SIGN_UP, 301));

    String key = inferred.split("\\|")[0];
    assertThat(inferred).isEqualTo(key + "|Unknown (not delivered yet)|Unknown|true");
    assertThat(
            star.query(
                "SELECT customer_key, full_name, segment, city, is_inferred FROM dim_customer"
                    + " WHERE customer_id = 10"))
        .isEqualTo(key + "|Kim Park|vip|Berlin|false");
    assertThat(star.query("SELECT customer_key FROM fact_sales")).isEqualTo(key);
  }

  @Test
  void anOrderWithNeitherCustomerNorCardPointsAtTheUnknownMember() throws SQLException {
    star.apply(
        shop().order(1, null, "paid", NEW_YEAR, "EUR", null, 200).line(1, 1, 7, 1, "5.00", 0, 201));

    assertThat(
            star.query(
                "SELECT f.customer_key, c.full_name, c.is_current FROM fact_sales f"
                    + " JOIN dim_customer c USING (customer_key)"))
        .isEqualTo("0|Unknown|true");
  }
}
