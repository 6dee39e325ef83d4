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
 * change history delivered cleanly in one batch (staged as files, as a backfill does), and
 * delivered with random re-deliveries, topics interleaved differently and cut into random batches
 * (order kept within each partition, as Kafka guarantees), builds the same warehouse, table for
 * table.
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

    // The clean delivery goes the backfill's way (one batch staged as Parquet files), the messy
    // one the stream's (small batches collected to the driver): both paths, one answer.
    Map<String, String> clean = load("clean", List.of(inOrder(history)), dir.resolve("staging"));
    Map<String, String> messy = load("messy", messy(history, new Random(seed)), null);

    assertThat(clean).containsKeys("fact_sales", "dim_customer", "fact_order_fulfillment");
    assertThat(clean.get("fact_sales")).doesNotStartWith("0 rows");
    assertThat(messy).isEqualTo(clean);
  }

  /** Applies the batches through the production writer; returns the warehouse's checksums. */
  private Map<String, String> load(String name, List<List<Row>> batches, Path staging)
      throws Exception {
    Path file = dir.resolve(name + ".duckdb");
    try (StarSink sink = StarSink.open(file)) {
      BatchWriter writer = new BatchWriter(name, sink, new FxDrop(spark, null), staging);
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
}
