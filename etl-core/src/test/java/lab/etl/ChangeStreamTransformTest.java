package lab.etl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import lab.etl.star.ShopTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ChangeStreamTransformTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ORDER_7 = "{\"order_id\":7}";
  private static final String PLACED_AT_OPENING =
      "{\"order_id\":7,\"customer_id\":3,\"status\":\"placed\","
          + "\"ordered_at\":\"2026-01-01T23:30:00.123456Z\",\"updated_at\":\"2026-01-01T23:30:00Z\","
          + "\"channel_id\":1,\"currency_code\":\"EUR\"}";
  private static final String PAID_NEXT_DAY =
      PLACED_AT_OPENING
          .replace("placed", "paid")
          .replace("updated_at\":\"2026-01-01", "updated_at\":\"2026-01-02");

  @Test
  void everyChangeIsKeptWithItsSourcePositionForTheWarehouseToOrder() throws Exception {
    Dataset<Row> out =
        ChangeStreamTransform.transform(
            new ChangeRecords()
                .read("orders", 100, ORDER_7, PLACED_AT_OPENING)
                .update("orders", 250, ORDER_7, PAID_NEXT_DAY)
                .redeliverLast()
                .toDataset());

    List<Row> rows = out.orderBy("offset").collectAsList();
    assertThat(rows).extracting(r -> r.<Long>getAs("lsn")).containsExactly(100L, 250L, 250L);
    JsonNode paid = image(rows.get(2));
    assertThat(paid.get("status").asText()).isEqualTo("paid");
    assertThat(paid.get("ordered_at").asText())
        .as("UTC with microseconds, as PostgreSQL keeps it")
        .isEqualTo("2026-01-01 23:30:00.123456Z");
    assertThat(out.columns()).containsExactlyElementsOf(ChangeStreamTransform.OUTPUT_COLUMNS);
  }

  @Test
  void moneyTravelsAsExactTextAndADateAsAnIsoDay() throws Exception {
    Dataset<Row> out =
        ChangeStreamTransform.transform(
            new ChangeRecords()
                .insert(
                    "order_items",
                    300,
                    "{\"order_id\":7,\"line_no\":1}",
                    "{\"order_id\":7,\"line_no\":1,\"product_id\":9,\"quantity\":3,"
                        + "\"unit_price\":\"19.99\",\"discount_pct\":10}")
                .insert(
                    "customers",
                    301,
                    "{\"customer_id\":3}",
                    "{\"customer_id\":3,\"email\":\"a@b.c\",\"full_name\":\"A\",\"country\":\"DE\","
                        + "\"birth_date\":7305,\"segment\":\"vip\","
                        + "\"created_at\":\"2026-01-01T09:00:00Z\","
                        + "\"updated_at\":\"2026-01-01T09:00:00Z\"}")
                .toDataset());

    List<Row> rows = out.orderBy("offset").collectAsList();
    assertThat(image(rows.get(0)).get("unit_price").asText()).isEqualTo("19.99");
    assertThat(image(rows.get(1)).get("birth_date").asText()).isEqualTo("1990-01-01");
  }

  @Test
  void aDeleteCarriesItsKeyAndTheFlag() throws Exception {
    Row deleted =
        ChangeStreamTransform.transform(
                new ChangeRecords().delete("orders", 400, ORDER_7).toDataset())
            .first();

    assertThat(deleted.<Boolean>getAs("is_deleted")).isTrue();
    assertThat(image(deleted).get("order_id").asLong()).isEqualTo(7L);
  }

  @Test
  void standardizedColumnsTravelBesideTheRawOnes() throws Exception {
    Dataset<Row> out =
        ChangeStreamTransform.transform(
            new ChangeRecords()
                .insert(
                    "customers",
                    500,
                    "{\"customer_id\":3}",
                    "{\"customer_id\":3,\"email\":\" Anna.Schmidt@Example.com \","
                        + "\"full_name\":\"Anna Schmidt\",\"country\":\"DE\",\"segment\":\"vip\","
                        + "\"phone\":\"(030) 123 4567\",\"created_at\":\"2026-01-01T09:00:00Z\","
                        + "\"updated_at\":\"2026-01-01T09:00:00Z\"}")
                .insert(
                    "customer_addresses",
                    501,
                    "{\"address_id\":1}",
                    "{\"address_id\":1,\"customer_id\":3,\"street\":\"1 A St\","
                        + "\"postcode\":\"10115\",\"city\":\"Berlin\",\"country\":\"germany\","
                        + "\"valid_from\":\"2026-01-01T09:00:00Z\"}")
                .insert(
                    "payments",
                    502,
                    "{\"payment_id\":1}",
                    "{\"payment_id\":1,\"order_id\":7,\"method\":\"card\",\"amount\":\"5.00\","
                        + "\"currency_code\":\"eur \",\"status\":\"captured\","
                        + "\"paid_at\":\"2026-01-01T09:00:00Z\"}")
                .toDataset());

    List<Row> rows = out.orderBy("offset").collectAsList();
    JsonNode anna = image(rows.get(0));
    assertThat(anna.get("email").asText()).isEqualTo(" Anna.Schmidt@Example.com ");
    assertThat(anna.get("email_std").asText()).isEqualTo("anna.schmidt@example.com");
    assertThat(anna.get("phone_e164").asText()).isEqualTo("+49301234567");
    assertThat(image(rows.get(1)).get("country_code").asText()).isEqualTo("DE");
    assertThat(image(rows.get(2)).get("currency_std").asText()).isEqualTo("EUR");
  }

  @Test
  void recordsThatCannotBeAppliedBecomeDeadLettersAndTheRestGoesOn() {
    Dataset<Row> out =
        ChangeStreamTransform.transform(
            new ChangeRecords()
                .raw("orders", ORDER_7, "{garbage")
                .insert(
                    "products",
                    10,
                    "{\"product_id\":1}",
                    "{\"product_id\":1,\"sku\":\"A\",\"name\":\"n\",\"category\":\"c\","
                        + "\"unit_price\":\"cheap\",\"updated_at\":\"2026-01-01T09:00:00Z\"}")
                .insert("coupons", 15, "{\"coupon_id\":1}", "{\"coupon_id\":1}")
                .insert("orders", 20, ORDER_7, PLACED_AT_OPENING)
                .toDataset());

    List<Row> rows = out.orderBy("offset").collectAsList();
    assertThat(rows)
        .extracting(r -> r.<String>getAs("error"))
        .containsExactly(
            "not a Debezium change envelope",
            "products.unit_price is missing or not a decimal(12,2)",
            "no schema for table of topic shop.public.coupons",
            null);
    assertThat(rows.get(0).<String>getAs("raw")).isEqualTo("{garbage");
  }

  @Test
  void everyShopTableHasAnExplicitSchema() {
    List<String> names = new ArrayList<>();
    ShopTable.ALL.forEach(t -> names.add(t.name()));

    assertThat(names)
        .containsExactlyInAnyOrder(
            "currencies",
            "sales_channels",
            "categories",
            "suppliers",
            "stores",
            "customers",
            "customer_addresses",
            "crm_customer_imports",
            "products",
            "product_prices",
            "inventory",
            "orders",
            "order_items",
            "payments",
            "shipments",
            "returns");
  }

  private static JsonNode image(Row r) throws Exception {
    return JSON.readTree(r.<String>getAs("row"));
  }
}
