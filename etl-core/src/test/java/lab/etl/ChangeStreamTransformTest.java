package lab.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ChangeStreamTransformTest {

  private static final String ORDER_7 = "{\"order_id\":7}";
  private static final String PLACED_AT_OPENING =
      "{\"order_id\":7,\"customer_id\":3,\"status\":\"placed\","
          + "\"ordered_at\":\"2026-01-01T23:30:00Z\",\"updated_at\":\"2026-01-01T23:30:00Z\"}";
  private static final String PAID_NEXT_DAY =
      PLACED_AT_OPENING
          .replace("placed", "paid")
          .replace("updated_at\":\"2026-01-01", "updated_at\":\"2026-01-02");

  @Test
  void anOrderSnapshottedThenUpdatedAndRedeliveredEndsAsOneRowInItsLatestState() {
    StarFrames star =
        ChangeStreamTransform.transform(
            new ChangeRecords()
                .read("orders", 100, ORDER_7, PLACED_AT_OPENING)
                .update("orders", 250, ORDER_7, PAID_NEXT_DAY)
                .redeliverLast()
                .toDataset());

    List<Row> orders = star.orders().collectAsList();
    assertThat(orders).hasSize(1);
    assertThat(orders.get(0).<String>getAs("status")).isEqualTo("paid");
    assertThat(orders.get(0).<Integer>getAs("date_key")).isEqualTo(20260101);
    Row counts = star.deliveryCounts().first();
    assertThat(counts.<Long>getAs("delivered")).isEqualTo(3);
    assertThat(counts.<Long>getAs("distinct_changes")).isEqualTo(2);
  }

  @Test
  void anOrderLineGetsItsExactAmount() {
    StarFrames star =
        ChangeStreamTransform.transform(
            new ChangeRecords()
                .insert(
                    "order_items",
                    300,
                    "{\"order_id\":7,\"line_no\":1}",
                    "{\"order_id\":7,\"line_no\":1,\"product_id\":9,\"quantity\":3,\"unit_price\":\"19.99\"}")
                .toDataset());

    Row line = star.orderLines().collectAsList().get(0);
    assertThat(line.<BigDecimal>getAs("amount")).isEqualByComparingTo("59.97");
    assertThat(line.<Boolean>getAs("is_deleted")).isFalse();
  }

  @Test
  void aDeleteCarriesItsKeyAndTheFlag() {
    StarFrames star =
        ChangeStreamTransform.transform(
            new ChangeRecords().delete("orders", 400, ORDER_7).toDataset());

    Row deleted = star.orders().collectAsList().get(0);
    assertThat(deleted.<Long>getAs("order_id")).isEqualTo(7L);
    assertThat(deleted.<Boolean>getAs("is_deleted")).isTrue();
  }

  @Test
  void aCustomersContactDetailsAreStandardizedBesideTheRawEmail() {
    StarFrames star =
        ChangeStreamTransform.transform(
            new ChangeRecords()
                .insert(
                    "customers",
                    500,
                    "{\"customer_id\":3}",
                    "{\"customer_id\":3,\"email\":\" Anna.Schmidt@Example.com \","
                        + "\"full_name\":\"Anna Schmidt\",\"country\":\"DE\","
                        + "\"phone\":\"(030) 123 4567\",\"created_at\":\"2026-01-01T09:00:00Z\"}")
                .insert(
                    "customers",
                    510,
                    "{\"customer_id\":4}",
                    "{\"customer_id\":4,\"email\":\"bo@example.com\",\"full_name\":\"Bo\","
                        + "\"country\":\"SE\",\"created_at\":\"2026-01-01T09:00:00Z\"}")
                .toDataset());

    List<Row> customers = star.customers().orderBy("customer_id").collectAsList();
    Row anna = customers.get(0);
    assertThat(anna.<String>getAs("email")).isEqualTo(" Anna.Schmidt@Example.com ");
    assertThat(anna.<String>getAs("email_std")).isEqualTo("anna.schmidt@example.com");
    assertThat(anna.<String>getAs("phone_e164")).isEqualTo("+49301234567");
    assertThat(anna.<Boolean>getAs("contact_standardized")).isTrue();
    Row bo = customers.get(1);
    assertThat(bo.<String>getAs("phone_e164")).as("phone is optional").isNull();
    assertThat(bo.<Boolean>getAs("contact_standardized")).isFalse();
    assertThat(star.deadLetters().count()).isZero();
  }

  @Test
  void recordsThatCannotBeAppliedBecomeDeadLettersAndTheRestGoesOn() {
    StarFrames star =
        ChangeStreamTransform.transform(
            new ChangeRecords()
                .raw("orders", ORDER_7, "{garbage")
                .insert(
                    "products",
                    10,
                    "{\"product_id\":1}",
                    "{\"product_id\":1,\"sku\":\"A\",\"name\":\"n\",\"category\":\"c\",\"unit_price\":\"cheap\"}")
                .insert("orders", 20, ORDER_7, PLACED_AT_OPENING)
                .toDataset());

    assertThat(star.deadLetters().orderBy("offset").collectAsList())
        .extracting(r -> r.<String>getAs("error"))
        .containsExactly(
            "not a Debezium change envelope",
            "products.unit_price is missing or not a decimal(12,2)");
    assertThat(star.orders().count()).isEqualTo(1);
    assertThat(star.products().count()).isZero();
  }
}
