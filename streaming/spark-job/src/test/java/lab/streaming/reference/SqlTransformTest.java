package lab.streaming.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.etl.ChangeStreamTransform;
import lab.etl.EtlSparkConfig;
import lab.etl.cdc.ChangeEnvelope;
import lab.streaming.spark.ShopHistory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's reference is the same transform: the Spark job's {@link ChangeStreamTransform}
 * and the DuckDB SQL of {@link SqlTransform} turn the same Kafka records into the same change rows
 * and the same dead letters, record by record. Images are compared as values (a JSON null and an
 * absent field are the same to the sink, which reads them with json_transform).
 */
class SqlTransformTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        EtlSparkConfig.applyTo(SparkSession.builder().master("local[2]").appName("sql-reference"))
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void sparkAndSqlTurnAShopHistoryIntoTheSameChangeRows() throws Exception {
    List<Row> records = new ArrayList<>();
    new ShopHistory(7).build().forEach((table, recs) -> add(records, table, recs));

    Map<Long, Map<String, Object>> spark = spark(records);
    Map<Long, Map<String, Object>> sql = sql(records);

    assertThat(spark).hasSize(records.size());
    assertThat(spark.values()).allSatisfy(r -> assertThat(r.get("error")).isNull());
    assertThat(sql).isEqualTo(spark);
  }

  @Test
  void messyValuesAreStandardizedAlike() throws Exception {
    List<Row> records = new ArrayList<>();
    add(
        records,
        "customers",
        List.of(
            customer(1, " Mixed.Case@Example.COM\\t", "030 1234567", "de"),
            customer(2, "a@b.c", "0044 20 7946 0958", "GB"),
            customer(3, "   ", "(0)20-7946.0958", "Germany"),
            customer(4, "x@y.z", "12", "ZZ"),
            customer(5, "ok@ok.ok", "+33 1 23 45 67 89", "FR")));
    add(
        records,
        "customer_addresses",
        List.of(address(1, " united kingdom "), address(2, "nl"), address(3, "Atlantis")));
    add(
        records,
        "crm_customer_imports",
        List.of(
            crm(1, "01.02.1990", "2025-02-01 10:00:00+0100", "France", "06 12 34 56 78"),
            crm(2, "02/28/1985", "2025-02-01T10:00:00Z", "usa", "001 555 0100 123"),
            crm(3, "1979-12-31", "2025-02-01T10:00:00+05:30", null, null),
            crm(4, "31.02.1990", "2025-02-01 10:00:00", "SE", "070-123 45 67"),
            crm(5, "yesterday", "2025-02-01T10:00:00", "xx", "+46 70 123")));
    add(
        records,
        "payments",
        List.<String[]>of(
            new String[] {
              "{\"payment_id\":1}",
              envelope(
                  "c",
                  null,
                  "{\"payment_id\":1,\"order_id\":1,\"method\":\"card\",\"amount\":\"12.50\","
                      + "\"currency_code\":\" usd\",\"status\":\"captured\","
                      + "\"paid_at\":\"2025-01-02T03:04:05.123456Z\"}")
            }));

    Map<Long, Map<String, Object>> spark = spark(records);

    assertThat(spark.values()).allSatisfy(r -> assertThat(r.get("error")).isNull());
    assertThat(sql(records)).isEqualTo(spark);
  }

  @Test
  void badRecordsBecomeTheSameDeadLetters() throws Exception {
    List<Row> records = new ArrayList<>();
    add(
        records,
        "products",
        List.of(
            new String[] {"k", "{not json"},
            new String[] {"k", "{\"op\":\"x\",\"source\":{\"lsn\":1}}"},
            new String[] {"k", "{\"op\":\"c\",\"after\":{\"product_id\":1},\"source\":{}}"},
            new String[] {"k", envelope("d", null, null)},
            new String[] {"k", envelope("u", null, null)},
            new String[] {
              "k",
              envelope(
                  "c",
                  null,
                  "{\"product_id\":1,\"sku\":\"S\",\"name\":\"N\",\"unit_price\":\"ten\","
                      + "\"updated_at\":\"2025-01-01T00:00:00Z\"}")
            },
            new String[] {
              "k", envelope("c", null, "{\"product_id\":2,\"sku\":\"S\",\"unit_price\":\"1.00\"}")
            },
            new String[] {"k", envelope("d", "{\"product_id\":3}", null)}));
    add(
        records,
        "wishlists",
        List.<String[]>of(new String[] {"k", envelope("c", null, "{\"id\":1}")}));

    Map<Long, Map<String, Object>> spark = spark(records);

    assertThat(spark.values())
        .extracting(r -> r.get("error"))
        .containsExactly(
            "not a Debezium change envelope",
            "unknown op 'x'",
            "missing source.lsn",
            "delete without before image",
            "missing after image",
            "products.unit_price is missing or not a decimal(12,2)",
            "products.name is missing or not a string",
            null,
            "no schema for table of topic shop.public.wishlists");
    assertThat(sql(records)).isEqualTo(spark);
  }

  /** The Spark transform's output, keyed by the record's position in the input. */
  private static Map<Long, Map<String, Object>> spark(List<Row> records) throws Exception {
    Map<Long, Map<String, Object>> out = new TreeMap<>();
    for (Row r :
        ChangeStreamTransform.transform(
                spark.createDataFrame(records, ChangeStreamTransform.KAFKA_RECORD))
            .collectAsList()) {
      out.put(
          r.<Long>getAs("offset"),
          row(
              r.getAs("table"),
              r.getAs("lsn"),
              r.getAs("source_ts_ms"),
              r.getAs("is_deleted"),
              r.getAs("row"),
              r.getAs("error"),
              r.getAs("raw")));
    }
    return out;
  }

  /** The SQL reference's output, from the production statements over the same records. */
  private static Map<Long, Map<String, Object>> sql(List<Row> records) throws Exception {
    Map<Long, Map<String, Object>> out = new TreeMap<>();
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
      SqlBackfill.prepare(c);
      try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw_record")) {
        long seq = 0;
        for (Row r : records) {
          // topic, partition, offset, key, value: ChangeStreamTransform.KAFKA_RECORD
          a.beginRow().append(seq++).append(r.getString(0)).append(r.getInt(1));
          a.append(r.getLong(2)).append(new String((byte[]) r.get(4), StandardCharsets.UTF_8));
          a.endRow();
        }
      }
      SqlBackfill.transform(c);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM ref_change")) {
        while (rs.next()) {
          out.put(
              rs.getLong("offset"),
              row(
                  rs.getString("tbl"),
                  (Long) rs.getObject("lsn"),
                  (Long) rs.getObject("source_ts_ms"),
                  (Boolean) rs.getObject("is_deleted"),
                  rs.getString("image"),
                  rs.getString("error"),
                  rs.getString("raw")));
        }
      }
    }
    return out;
  }

  /** What the sink takes from a transformed record: a good change's values, or a dead letter. */
  private static Map<String, Object> row(
      String table,
      Long lsn,
      Long sourceTsMs,
      Boolean deleted,
      String image,
      String error,
      String raw)
      throws Exception {
    Map<String, Object> out = new TreeMap<>();
    out.put("error", error);
    if (error != null) {
      out.put("raw", raw);
      return out;
    }
    out.put("table", table);
    out.put("lsn", lsn);
    out.put("source_ts_ms", sourceTsMs);
    out.put("is_deleted", deleted);
    Map<String, Object> values = new TreeMap<>();
    JSON.readValue(image, new TypeReference<Map<String, Object>>() {})
        .forEach(
            (k, v) -> {
              if (v != null) {
                values.put(k, v);
              }
            });
    out.put("image", values);
    return out;
  }

  private static void add(List<Row> records, String table, List<String[]> keysAndValues) {
    for (String[] kv : keysAndValues) {
      records.add(
          RowFactory.create(
              "shop.public." + table,
              0,
              (long) records.size(),
              kv[0].getBytes(StandardCharsets.UTF_8),
              kv[1].getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static String envelope(String op, String before, String after) {
    return new ChangeEnvelope(op, "t", before, after, 42, 42, 1735700000000L, 1735700000000L)
        .json();
  }

  private static String[] customer(int id, String email, String phone, String country) {
    return new String[] {
      "{\"customer_id\":" + id + "}",
      envelope(
          "c",
          null,
          "{\"customer_id\":"
              + id
              + ",\"email\":\""
              + email
              + "\",\"full_name\":\"C\",\"country\":\""
              + country
              + "\",\"phone\":\""
              + phone
              + "\",\"birth_date\":7305,\"segment\":\"retail\","
              + "\"created_at\":\"2025-01-01T00:00:00Z\",\"updated_at\":\"2025-01-01T00:00:00Z\"}")
    };
  }

  private static String[] address(int id, String country) {
    return new String[] {
      "{\"address_id\":" + id + "}",
      envelope(
          "c",
          null,
          "{\"address_id\":"
              + id
              + ",\"customer_id\":1,\"street\":\"S\",\"postcode\":\"P\",\"city\":\"C\","
              + "\"country\":\""
              + country
              + "\",\"valid_from\":\"2025-01-01T00:00:00Z\"}")
    };
  }

  private static String[] crm(
      int id, String birth, String registered, String country, String phone) {
    return new String[] {
      "{\"import_id\":" + id + "}",
      envelope(
          "c",
          null,
          "{\"import_id\":"
              + id
              + ",\"loyalty_card\":\"L"
              + id
              + "\",\"email\":\" X@Y.Z\",\"birth_date\":\""
              + birth
              + "\",\"registered_at\":\""
              + registered
              + "\",\"country\":"
              + (country == null ? "null" : "\"" + country + "\"")
              + ",\"phone\":"
              + (phone == null ? "null" : "\"" + phone + "\"")
              + ",\"imported_at\":\"2025-02-09T00:00:00Z\"}")
    };
  }
}
