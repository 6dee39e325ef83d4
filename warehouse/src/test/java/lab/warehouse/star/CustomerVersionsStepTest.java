package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.LATER;
import static lab.warehouse.star.ShopChanges.MOVED;
import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.SIGN_UP;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The customer_versions step: SCD2 versions of shop customers, by move and by segment. */
class CustomerVersionsStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  private static final String VERSIONS =
      "SELECT city, segment, strftime(valid_from, '%Y-%m-%d %H:%M:%S.%g'),"
          + " coalesce(strftime(valid_to, '%Y-%m-%d %H:%M:%S.%g'), '-'), is_current"
          + " FROM dim_customer WHERE customer_id = 10 ORDER BY valid_from";

  @Test
  void aMoveStartsANewVersionAtTheNewAddressAndLaterOrdersUseIt() throws SQLException {
    star.apply(shop().customer(10, "consumer", 100).address(1, 10, "Berlin", "DE", SIGN_UP, 101));
    star.apply(
        new ShopChanges()
            .address(1, 10, "Berlin", "DE", SIGN_UP, MOVED, 300)
            .address(2, 10, "Paris", "france", MOVED, null, 301)
            .order(1, 10L, "paid", NEW_YEAR, "EUR", null, 302)
            .line(1, 1, 7, 1, "5.00", 0, 303)
            .order(2, 10L, "paid", LATER, "EUR", null, 304)
            .line(2, 1, 7, 1, "5.00", 0, 305));

    assertThat(star.query(VERSIONS))
        .isEqualTo(
            "Berlin|consumer|1900-01-01 00:00:00.000|2026-02-01 00:00:00.000|false\n"
                + "Paris|consumer|2026-02-01 00:00:00.000|-|true");
    assertThat(
            star.query(
                "SELECT string_agg(c.city, ',' ORDER BY f.order_id) FROM fact_sales f"
                    + " JOIN dim_customer c USING (customer_key)"))
        .isEqualTo("Berlin,Paris");
  }

  @Test
  void aSegmentChangeStartsANewVersionAtTheChangesCommit() throws SQLException {
    star.apply(shop().customer(10, "consumer", 100).address(1, 10, "Berlin", "DE", SIGN_UP, 101));
    // the fixture's commit time of a change is 2026-01-01 09:00 plus its position in ms
    star.apply(new ShopChanges().customer(10, "business", 500));

    assertThat(star.query(VERSIONS))
        .isEqualTo(
            "Berlin|consumer|1900-01-01 00:00:00.000|2026-01-01 09:00:00.500|false\n"
                + "Berlin|business|2026-01-01 09:00:00.500|-|true");
  }
}
