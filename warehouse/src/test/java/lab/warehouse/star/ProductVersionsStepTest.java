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

/** The product_versions step: SCD2 versions by price list, inferred products, key 0. */
class ProductVersionsStepTest {

  @RegisterExtension final StarFixture star = StarFixture.perTest();

  @Test
  void aPriceChangeStartsAVersionAndMovesTheLinesOrderedSinceToIt() throws SQLException {
    star.apply(
        shop()
            .price(7, SIGN_UP, "10.00", 6)
            .order(1, null, "paid", NEW_YEAR, "EUR", null, 200)
            .line(1, 1, 7, 1, "10.00", 0, 201)
            .order(2, null, "paid", LATER, "EUR", null, 202)
            .line(2, 1, 7, 1, "10.00", 0, 203));
    // the new price arrives after the order it applies to
    star.apply(new ShopChanges().price(7, MOVED, "12.00", 300));

    assertThat(
            star.query(
                "SELECT strftime(valid_from, '%Y-%m-%d'), coalesce(strftime(valid_to, '%Y-%m-%d'), '-'),"
                    + " list_price_eur, is_current FROM dim_product WHERE product_id = 7"
                    + " ORDER BY valid_from"))
        .isEqualTo("1900-01-01|2026-02-01|10.00|false\n2026-02-01|-|12.00|true");
    assertThat(
            star.query(
                "SELECT f.order_id, p.list_price_eur FROM fact_sales f"
                    + " JOIN dim_product p USING (product_key) ORDER BY 1"))
        .isEqualTo("1|10.00\n2|12.00");
  }

  @Test
  void aLinesProductNotDeliveredYetIsInferredAndCompletedInPlace() throws SQLException {
    star.apply(
        shop()
            .order(1, null, "paid", NEW_YEAR, "EUR", null, 200)
            .line(1, 1, 99, 1, "5.00", 0, 201));
    String inferred =
        star.query(
            "SELECT product_key, product_name, is_inferred FROM dim_product WHERE product_id = 99");

    star.apply(
        new ShopChanges()
            .row(
                "products",
                300,
                "{\"product_id\":99,\"sku\":\"SKU-99\",\"name\":\"Blue Hat\",\"unit_price\":\"5.00\","
                    + "\"category_id\":101,\"supplier_id\":1,\"unit_cost\":\"2.00\"}"));

    String key = inferred.split("\\|")[0];
    assertThat(inferred).isEqualTo(key + "|Unknown (not delivered yet)|true");
    assertThat(
            star.query(
                "SELECT product_key, product_name, category, is_inferred FROM dim_product"
                    + " WHERE product_id = 99"))
        .isEqualTo(key + "|Blue Hat|Shoes|false");
    assertThat(star.query("SELECT product_key FROM fact_sales")).isEqualTo(key);
  }
}
