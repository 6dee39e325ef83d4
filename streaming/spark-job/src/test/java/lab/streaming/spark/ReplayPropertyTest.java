package lab.streaming.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import lab.etl.ChangeStreamTransform;
import lab.etl.EtlSparkConfig;
import lab.warehouse.schema.WarehouseChecksums;
import lab.warehouse.sink.StarSink;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exactly-once property, end to end through the production batch writer (transform + sink): one
 * change history delivered cleanly in one batch, and delivered with random re-deliveries, topics
 * interleaved differently and cut into random batches (order kept within each partition, as Kafka
 * guarantees), builds the same warehouse, table for table.
 */
class ReplayPropertyTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark =
        EtlSparkConfig.applyTo(
                SparkSession.builder().master("local[2]").appName("replay-property-test"))
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void duplicatesAndReorderingBuildTheSameWarehouse(long seed) throws Exception {
    Map<String, List<String[]>> history = new ShopHistory(seed).build();

    Map<String, String> clean = load("clean", List.of(inOrder(history)));
    Map<String, String> messy = load("messy", messy(history, new Random(seed)));

    assertThat(clean).containsKeys("fact_sales", "dim_customer", "fact_order_fulfillment");
    assertThat(clean.get("fact_sales")).doesNotStartWith("0 rows");
    assertThat(messy).isEqualTo(clean);
  }

  /** Applies the batches through the production writer; returns the warehouse's checksums. */
  private Map<String, String> load(String name, List<List<Row>> batches) throws Exception {
    Path file = dir.resolve(name + ".duckdb");
    try (StarSink sink = StarSink.open(file)) {
      BatchWriter writer = new BatchWriter(name, sink, new FxDrop(spark, null));
      long id = 0;
      for (List<Row> batch : batches) {
        writer.write(spark.createDataFrame(batch, ChangeStreamTransform.KAFKA_RECORD), id++);
      }
    }
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly)) {
      return WarehouseChecksums.of(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every topic's records in order, topic after topic in one batch. */
  private static List<Row> inOrder(Map<String, List<String[]>> history) {
    List<Row> out = new ArrayList<>();
    history.forEach(
        (topic, records) -> {
          for (int i = 0; i < records.size(); i++) {
            out.add(record(topic, i, records.get(i)));
          }
        });
    return out;
  }

  /**
   * The same history as a restarting capture and an unlucky consumer see it: some records sent
   * again later in their partition (with new offsets), topics interleaved at random, and the stream
   * cut into batches of random size.
   */
  private static List<List<Row>> messy(Map<String, List<String[]>> history, Random r) {
    Map<String, List<String[]>> delivered = new LinkedHashMap<>();
    history.forEach(
        (topic, records) -> {
          List<String[]> out = new ArrayList<>();
          for (String[] rec : records) {
            out.add(rec);
            if (r.nextInt(100) < 15) {
              // Re-send a run of recent records, as a capture does after a crash.
              int from = Math.max(0, out.size() - 1 - r.nextInt(4));
              out.addAll(new ArrayList<>(out.subList(from, out.size())));
            }
          }
          delivered.put(topic, out);
        });
    Map<String, Integer> next = new LinkedHashMap<>();
    delivered.keySet().forEach(t -> next.put(t, 0));
    List<Row> stream = new ArrayList<>();
    List<String> open = new ArrayList<>(delivered.keySet());
    while (!open.isEmpty()) {
      String topic = open.get(r.nextInt(open.size()));
      int i = next.get(topic);
      stream.add(record(topic, i, delivered.get(topic).get(i)));
      next.put(topic, i + 1);
      if (i + 1 == delivered.get(topic).size()) {
        open.remove(topic);
      }
    }
    List<List<Row>> batches = new ArrayList<>();
    for (int i = 0; i < stream.size(); ) {
      int size = 1 + r.nextInt(40);
      batches.add(new ArrayList<>(stream.subList(i, Math.min(stream.size(), i + size))));
      i += size;
    }
    return batches;
  }

  private static Row record(String topic, int offset, String[] keyAndValue) {
    return RowFactory.create(
        "shop.public." + topic,
        0,
        (long) offset,
        keyAndValue[0].getBytes(StandardCharsets.UTF_8),
        keyAndValue[1].getBytes(StandardCharsets.UTF_8));
  }

  /** A small shop's change history as Debezium would capture it, per table, in commit order. */
  private static final class ShopHistory {
    private final Random r;
    private final Map<String, List<String[]>> topics = new LinkedHashMap<>();
    private long lsn = 1_000;
    private long ts = 1_735_700_000_000L; // 2025-01-01

    ShopHistory(long seed) {
      this.r = new Random(seed);
    }

    Map<String, List<String[]>> build() {
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
            "products",
            "r",
            "{\"product_id\":" + p + "}",
            product(p, "10.00", p == 5 ? null : 101));
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
      String before = op.equals("d") ? key : "null";
      String value =
          "{\"before\":"
              + before
              + ",\"after\":"
              + (after == null ? "null" : after)
              + ",\"source\":{\"lsn\":"
              + lsn
              + ",\"txId\":"
              + lsn
              + ",\"ts_ms\":"
              + ts
              + ",\"table\":\""
              + table
              + "\"},\"op\":\""
              + op
              + "\",\"ts_ms\":"
              + ts
              + "}";
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
}
