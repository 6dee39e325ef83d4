package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The loyalty_members step: a card member is inferred until the CRM delivers it. */
class LoyaltyMembersStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void aLoyaltyCardOrderGetsAnInferredMemberThatTheCrmCompletesInPlace() throws SQLException {
    star.apply(
        shop()
            .order(1, null, "paid", NEW_YEAR, "EUR", "CARD-7", 200)
            .line(1, 1, 7, 1, "5.00", 0, 201));
    String inferred =
        star.query("SELECT customer_key, is_inferred FROM dim_customer WHERE customer_id < 0");

    star.apply(
        new ShopChanges()
            .crmImport(1, "CARD-7", " Ann@Example.COM ", "Ann Lee", "05.03.1990", 300));

    String key = inferred.split("\\|")[0];
    assertThat(inferred).endsWith("|true");
    assertThat(
            star.query(
                "SELECT customer_key, is_inferred, email_std, full_name FROM dim_customer"
                    + " WHERE customer_id < 0"))
        .isEqualTo(key + "|false|ann@example.com|Ann Lee");
    assertThat(star.query("SELECT customer_key FROM fact_sales")).isEqualTo(key);
  }
}
