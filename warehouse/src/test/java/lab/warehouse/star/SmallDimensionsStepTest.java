package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The small_dimensions step: geography, channel, store and calendar, each with its unknown member.
 */
class SmallDimensionsStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void everyCountrySeenIsAGeographyAndAnUnknownCountryKeepsItsCode() throws SQLException {
    star.apply(shop().store(1, "MEX-1", "MX", "MXN", 100).store(2, "BER-1", "DE", "EUR", 101));

    assertThat(
            star.query(
                "SELECT geography_key, country_code, country_name, market_region FROM dim_geography"
                    + " WHERE country_code IN ('??', 'DE', 'MX', 'NL') ORDER BY 1"))
        .isEqualTo(
            "0|??|Unknown|Unknown\n"
                + "405|DE|Germany|Europe\n"
                + "1324|MX|MX|Unknown\n"
                + "1412|NL|Netherlands|Europe");
  }

  @Test
  void aCountryThatIsNoIsoCodeIsFiledUnderTheUnknownGeography() throws SQLException {
    // What a standardizing rule that let a name through would leave; its key would be 0.
    star.apply(shop().store(1, "BER-1", "Germany", "EUR", 100));

    assertThat(star.query("SELECT count(*) FROM dim_geography WHERE geography_key = 0"))
        .isEqualTo("1");
    assertThat(star.query("SELECT store_code, geography_key FROM dim_store WHERE store_key = 1"))
        .isEqualTo("BER-1|0");
  }

  @Test
  void channelsAndStoresHaveAnUnknownMemberForFactsWithoutOne() throws SQLException {
    star.apply(shop().store(2, "BER-1", "DE", "EUR", 100));

    assertThat(star.query("SELECT channel_key, channel_code FROM dim_channel ORDER BY 1"))
        .isEqualTo("0|unknown\n1|web");
    assertThat(
            star.query(
                "SELECT store_key, store_code, geography_key, currency_code FROM dim_store ORDER BY 1"))
        .isEqualTo("0|online|0|EUR\n2|BER-1|405|EUR");
  }

  @Test
  void theCalendarHasEveryDayFromTheFirstToTheLastOrder() throws SQLException {
    star.apply(
        shop()
            .order(1, null, "paid", NEW_YEAR, "EUR", "CARD-1", 200)
            .order(2, null, "paid", "2026-01-04 10:00:00.000000Z", "EUR", "CARD-1", 201));

    assertThat(star.query("SELECT string_agg(date_key, ',' ORDER BY date_key) FROM dim_date"))
        .isEqualTo("20260101,20260102,20260103,20260104");
  }
}
