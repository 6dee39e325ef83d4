package lab.streaming.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lab.etl.cdc.ChangeEnvelope;

/**
 * A small shop's change history as Debezium would capture it, per table, in commit order: the
 * records (key and value) of each table's topic. Shared by the tests that feed the transform.
 */
public final class ShopHistory {
  private final Random r;
  private final Map<String, List<String[]>> topics = new LinkedHashMap<>();
  private long lsn = 1_000;
  private long ts = 1_735_700_000_000L; // 2025-01-01

  public ShopHistory(long seed) {
    this.r = new Random(seed);
  }

  public Map<String, List<String[]>> build() {
    change(
        "sales_channels",
        "r",
        "{\"channel_id\":1}",
        "{\"channel_id\":1,\"code\":\"web\",\"name\":\"Web\"}");
    change(
        "sales_channels",
        "r",
        "{\"channel_id\":3}",
        "{\"channel_id\":3,\"code\":\"store\",\"name\":\"Store\"}");
    change("categories", "r", "{\"category_id\":1}", "{\"category_id\":1,\"name\":\"Home\"}");
    change(
        "categories",
        "r",
        "{\"category_id\":101}",
        "{\"category_id\":101,\"parent_id\":1,\"name\":\"Lamps\"}");
    change(
        "suppliers",
        "r",
        "{\"supplier_id\":1}",
        "{\"supplier_id\":1,\"name\":\"Acme\",\"country\":\"SE\",\"region\":\"EU-North\"}");
    change(
        "stores",
        "r",
        "{\"store_id\":2}",
        "{\"store_id\":2,\"store_code\":\"S2\",\"name\":\"Paris\",\"kind\":\"store\",\"city\":\"Paris\",\"country\":\"FR\",\"currency_code\":\"EUR\",\"opened_at\":\"2024-01-01T00:00:00Z\"}");
    for (int p = 1; p <= 5; p++) {
      change(
          "products", "r", "{\"product_id\":" + p + "}", product(p, "10.00", p == 5 ? null : 101));
      change(
          "product_prices",
          "r",
          "{\"product_id\":" + p + ",\"valid_from\":\"2024-07-01T00:00:00Z\"}",
          "{\"product_id\":"
              + p
              + ",\"valid_from\":\"2024-07-01T00:00:00Z\",\"unit_price\":\"10.00\"}");
    }
    for (int c = 1; c <= 6; c++) {
      String name = c == 6 ? "Person 1" : "Person " + c; // customer 6 registers twice
      change("customers", "c", "{\"customer_id\":" + c + "}", customer(c, name, "consumer"));
      change(
          "customer_addresses",
          "c",
          "{\"address_id\":" + c + "}",
          address(c, c, "Berlin", "germany", "2025-01-01T00:00:00Z", null));
    }
    long order = 0;
    long payment = 0;
    for (int day = 0; day < 12; day++) {
      tick();
      for (int k = 0; k < 3; k++) {
        order++;
        boolean card = r.nextInt(4) == 0;
        String cardNo = card ? "CARD-" + (1 + r.nextInt(3)) : null;
        long customer = 1 + r.nextInt(6);
        String at = "2025-02-" + String.format("%02d", day + 1) + "T1" + k + ":00:00.123456Z";
        change(
            "orders",
            "c",
            key("order_id", order),
            order(order, card ? null : customer, cardNo, "placed", at));
        int lines = 1 + r.nextInt(3);
        for (int l = 1; l <= lines; l++) {
          change(
              "order_items",
              "c",
              "{\"order_id\":" + order + ",\"line_no\":" + l + "}",
              "{\"order_id\":"
                  + order
                  + ",\"line_no\":"
                  + l
                  + ",\"product_id\":"
                  + (1 + r.nextInt(5))
                  + ",\"quantity\":"
                  + (1 + r.nextInt(3))
                  + ",\"unit_price\":\"10.00\",\"discount_pct\":"
                  + (r.nextInt(3) * 5)
                  + "}");
        }
        if (r.nextBoolean()) {
          payment++;
          change(
              "payments",
              "c",
              key("payment_id", payment),
              "{\"payment_id\":"
                  + payment
                  + ",\"order_id\":"
                  + order
                  + ",\"method\":\"card\",\"amount\":\"10.00\",\"currency_code\":\"eur\",\"status\":\"captured\",\"paid_at\":\""
                  + at
                  + "\"}");
          change(
              "orders",
              "u",
              key("order_id", order),
              order(order, card ? null : customer, cardNo, "paid", at));
        }
      }
      if (day == 4) { // a move: a new customer version from now on
        change(
            "customer_addresses",
            "u",
            "{\"address_id\":2}",
            address(2, 2, "Berlin", "germany", "2025-01-01T00:00:00Z", "2025-02-05T00:00:00Z"));
        change(
            "customer_addresses",
            "c",
            "{\"address_id\":20}",
            address(20, 2, "Lyon", "FR", "2025-02-05T00:00:00Z", null));
      }
      if (day == 6) { // a price change and a segment change
        change(
            "product_prices",
            "c",
            "{\"product_id\":1,\"valid_from\":\"2025-02-07T00:00:00Z\"}",
            "{\"product_id\":1,\"valid_from\":\"2025-02-07T00:00:00Z\",\"unit_price\":\"12.00\"}");
        change("products", "u", key("product_id", 1), product(1, "12.00", 101));
        change("customers", "u", key("customer_id", 3), customer(3, "Person 3", "vip"));
      }
      if (day == 8) { // the CRM delivers two loyalty members
        change(
            "crm_customer_imports",
            "c",
            key("import_id", 1),
            "{\"import_id\":1,\"loyalty_card\":\"CARD-1\",\"email\":\" M1@X.COM\",\"full_name\":\"Member One\",\"birth_date\":\"01.02.1990\",\"country\":\"France\",\"registered_at\":\"2025-02-01 10:00:00+0100\",\"imported_at\":\"2025-02-09T00:00:00Z\"}");
        change(
            "crm_customer_imports",
            "c",
            key("import_id", 2),
            "{\"import_id\":2,\"loyalty_card\":\"CARD-2\",\"full_name\":\"Member Two\",\"imported_at\":\"2025-02-09T00:00:00Z\"}");
      }
      if (day == 10) { // an erasure: anonymised row, address deleted
        change(
            "customers",
            "u",
            key("customer_id", 4),
            customer(4, "erased", "consumer")
                .replace("\"erased_at\":null", "\"erased_at\":\"2025-02-11T00:00:00Z\""));
        change("customer_addresses", "d", key("address_id", 4), null);
      }
    }
    return topics;
  }

  private void tick() {
    ts += 86_400_000L;
  }

  private void change(String table, String op, String key, String after) {
    lsn += 1 + r.nextInt(5);
    ts += 1_000;
    String before = op.equals("d") ? key : null;
    String value = new ChangeEnvelope(op, table, before, after, lsn, lsn, ts, ts).json();
    topics.computeIfAbsent(table, t -> new ArrayList<>()).add(new String[] {key, value});
  }

  private static String key(String column, long id) {
    return "{\"" + column + "\":" + id + "}";
  }

  private static String product(int id, String price, Integer category) {
    return "{\"product_id\":"
        + id
        + ",\"sku\":\"SKU-"
        + id
        + "\",\"name\":\"Lamp "
        + id
        + "\",\"unit_price\":\""
        + price
        + "\",\"category_id\":"
        + category
        + ",\"supplier_id\":1,\"unit_cost\":\"4.00\",\"updated_at\":\"2025-01-01T00:00:00Z\"}";
  }

  private static String customer(int id, String name, String segment) {
    return "{\"customer_id\":"
        + id
        + ",\"email\":\"c"
        + id
        + "@x.com\",\"full_name\":\""
        + name
        + "\",\"country\":\"DE\",\"birth_date\":7305,\"segment\":\""
        + segment
        + "\",\"erased_at\":null,\"created_at\":\"2025-01-01T00:00:00Z\","
        + "\"updated_at\":\"2025-01-01T00:00:00Z\"}";
  }

  private static String address(
      int id, int customer, String city, String country, String from, String to) {
    return "{\"address_id\":"
        + id
        + ",\"customer_id\":"
        + customer
        + ",\"street\":\"1 Main\","
        + "\"postcode\":\"10115\",\"city\":\""
        + city
        + "\",\"country\":\""
        + country
        + "\",\"valid_from\":\""
        + from
        + "\",\"valid_to\":"
        + (to == null ? "null" : "\"" + to + "\"")
        + "}";
  }

  private static String order(long id, Long customer, String card, String status, String at) {
    return "{\"order_id\":"
        + id
        + ",\"customer_id\":"
        + customer
        + ",\"status\":\""
        + status
        + "\",\"ordered_at\":\""
        + at
        + "\",\"updated_at\":\""
        + at
        + "\",\"channel_id\":"
        + (card == null ? 1 : 3)
        + ",\"store_id\":"
        + (card == null ? "null" : "2")
        + ",\"currency_code\":\"EUR\",\"loyalty_card\":"
        + (card == null ? "null" : "\"" + card + "\"")
        + "}";
  }
}
