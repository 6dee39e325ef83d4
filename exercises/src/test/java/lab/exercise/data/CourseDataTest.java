package lab.exercise.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lab.exercise.CourseFixture;
import lab.shop.contract.ShopContract;
import org.junit.jupiter.api.Test;

/**
 * The course's data is the seeded shop, whole, and its first morning: every row the seeder writes
 * is a snapshot read of the change log, the morning's changes follow it, every row the log leaves
 * standing reaches the change layer of the reference warehouse through the Spark job's transform,
 * and only the delivery's faults ({@link DeliveryFaults}) are dead letters.
 */
class CourseDataTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyRowTheLogLeavesStandingReachesTheChangeLayerAndNoneIsADeadLetter() throws Exception {
    CourseData data = CourseFixture.data();
    List<SnapshotCapture.Record> log = records(data);
    // per table, each key's last operation
    Map<String, Map<String, String>> lastOp = new TreeMap<>();
    for (SnapshotCapture.Record r : log) {
      if (r.value() != null) {
        JsonNode value = JSON.readTree(r.value());
        lastOp
            .computeIfAbsent(value.get("source").get("table").asText(), t -> new HashMap<>())
            .put(JSON.readTree(r.key()).toString(), value.get("op").asText());
      }
    }
    Map<String, Long> standing = new TreeMap<>();
    lastOp.forEach(
        (table, keys) ->
            standing.put(table, keys.values().stream().filter(op -> !op.equals("d")).count()));
    assertThat(standing).containsKeys("customers", "orders", "order_items");

    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    Map<String, Long> captured = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.reference(), readOnly);
        Statement s = c.createStatement()) {
      for (String table : standing.keySet()) {
        try (ResultSet rs =
            s.executeQuery("SELECT count(*) FROM cur_" + table + " WHERE NOT is_deleted")) {
          rs.next();
          captured.put(table, rs.getLong(1));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT string_agg(topic || '@' || kafka_offset, ', ' ORDER BY topic, kafka_offset)"
                  + " FROM dead_letter")) {
        rs.next();
        assertThat(rs.getString(1))
            .as("dead letters: the delivery's faults, and nothing of the capture")
            .isEqualTo(
                DeliveryFaults.after(log).stream()
                    .map(f -> f.topic() + "@" + f.offset())
                    .sorted()
                    .collect(Collectors.joining(", ")));
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM cur_sales_channels")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the migrations' reference rows").isEqualTo(3);
      }
    }
    assertThat(captured).isEqualTo(standing);
  }

  @Test
  void theChangeLogHoldsASnapshotReadPerSeededRowThenTheMorningsChanges() throws Exception {
    CourseData data = CourseFixture.data();
    Map<String, Long> seeded = new TreeMap<>();
    for (String table : ShopContract.names()) {
      Path csv = data.shopCsv().resolve(table + ".csv");
      if (Files.exists(csv)) {
        try (var lines = Files.lines(csv)) {
          // the first line names the columns; no seeded value spans lines
          seeded.put(table, lines.count() - 1);
        }
      }
    }
    assertThat(seeded.get("orders")).isEqualTo(CourseData.SIZE.orders());

    Map<String, Long> reads = new TreeMap<>();
    Map<String, String> streamed = new HashMap<>();
    Map<String, Integer> ops = new TreeMap<>();
    String previous = null;
    for (SnapshotCapture.Record r : records(data)) {
      if (r.value() == null) {
        assertThat(previous).as("a tombstone follows its key's delete").isEqualTo(r.key() + " d");
        ops.merge("tombstone", 1, Integer::sum);
        previous = null;
        continue;
      }
      JsonNode value = JSON.readTree(r.value());
      String op = value.get("op").asText();
      String table = value.get("source").get("table").asText();
      if (op.equals("r")) {
        assertThat(streamed)
            .as("no snapshot read after %s's stream began", table)
            .doesNotContainKey(table);
        assertThat(value.get("source").get("lsn").asLong()).isEqualTo(SnapshotCapture.SNAPSHOT_LSN);
        reads.merge(table, 1L, Long::sum);
      } else {
        streamed.put(table, op);
        assertThat(value.get("source").get("snapshot").asText()).isEqualTo("false");
        ops.merge(op, 1, Integer::sum);
      }
      previous = r.key() + " " + op;
    }
    seeded.values().removeIf(n -> n == 0);
    assertThat(reads)
        .containsAllEntriesOf(seeded)
        .as("and the migrations' reference rows")
        .containsKeys("currencies", "sales_channels")
        .hasSize(seeded.size() + 2);
    assertThat(ops).containsOnlyKeys("c", "u", "d", "tombstone");
    assertThat(ops.get("tombstone")).isEqualTo(ops.get("d"));
  }

  private static List<SnapshotCapture.Record> records(CourseData data) throws Exception {
    List<SnapshotCapture.Record> out = new ArrayList<>();
    for (String line : Files.readAllLines(data.changeLog())) {
      out.add(JSON.readValue(line, SnapshotCapture.Record.class));
    }
    return out;
  }

  @Test
  void theLabsOwnStepsBuildTheSameStarFromOneBatchAsFromCutsALateCrmOrRedeliveries()
      throws Exception {
    CourseData data = CourseFixture.data();
    Map<String, String> oneBatch = checksums(data.reference(CourseData.Delivery.ONE_BATCH));

    assertThat(oneBatch).containsKeys("fact_sales", "dim_customer", "fact_daily_store_sales");
    assertThat(checksums(data.reference(CourseData.Delivery.CUTS))).isEqualTo(oneBatch);
    assertThat(checksums(data.reference(CourseData.Delivery.CRM_LATE))).isEqualTo(oneBatch);
    assertThat(checksums(data.reference(CourseData.Delivery.REDELIVERED)))
        .as("every change again, twice in a batch, older after newer: the same star")
        .isEqualTo(oneBatch);
  }

  private static Map<String, String> checksums(Path warehouse) throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse, readOnly)) {
      return lab.warehouse.schema.WarehouseChecksums.of(c);
    }
  }
}
