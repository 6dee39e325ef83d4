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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import lab.exercise.CourseFixture;
import lab.shop.contract.ShopContract;
import org.junit.jupiter.api.Test;

/**
 * The course's data is the seeded shop, whole: every row the seeder writes reaches the change layer
 * of the reference warehouse through the Spark job's transform, and only the delivery's faults
 * ({@link DeliveryFaults}) are dead letters.
 */
class CourseDataTest {

  @Test
  void everySeededRowReachesTheChangeLayerAndNoneIsADeadLetter() throws Exception {
    CourseData data = CourseFixture.data();
    Map<String, Long> seeded = new LinkedHashMap<>();
    for (String table : ShopContract.names()) {
      Path csv = data.shopCsv().resolve(table + ".csv");
      if (Files.exists(csv)) {
        try (var lines = Files.lines(csv)) {
          // the first line names the columns; no seeded value spans lines
          seeded.put(table, lines.count() - 1);
        }
      }
    }
    assertThat(seeded).containsKeys("customers", "orders", "order_items");

    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    Map<String, Long> captured = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.reference(), readOnly);
        Statement s = c.createStatement()) {
      for (String table : seeded.keySet()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM cur_" + table)) {
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
                "shop.public.gift_cards@0, shop.public.orders@10000, shop.public.orders@10001");
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM cur_sales_channels")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the migrations' reference rows").isEqualTo(3);
      }
    }
    assertThat(captured).isEqualTo(seeded);
    assertThat(seeded.get("orders")).isEqualTo(CourseData.SIZE.orders());
  }

  @Test
  void theLabsOwnStepsBuildTheSameStarFromOneBatchAsFromRandomCutsOrALateCrm() throws Exception {
    CourseData data = CourseFixture.data();
    Map<String, String> oneBatch = checksums(data.reference(CourseData.Delivery.ONE_BATCH));

    assertThat(oneBatch).containsKeys("fact_sales", "dim_customer", "fact_daily_store_sales");
    assertThat(checksums(data.reference(CourseData.Delivery.CUTS))).isEqualTo(oneBatch);
    assertThat(checksums(data.reference(CourseData.Delivery.CRM_LATE))).isEqualTo(oneBatch);
  }

  private static Map<String, String> checksums(Path warehouse) throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse, readOnly)) {
      return lab.warehouse.schema.WarehouseChecksums.of(c);
    }
  }

  @Test
  void theChangeLogHoldsOneSnapshotReadPerRowOfEveryTable() throws Exception {
    CourseData data = CourseFixture.data();
    ObjectMapper json = new ObjectMapper();
    Map<String, Long> logged = new TreeMap<>();
    for (String line : Files.readAllLines(data.changeLog())) {
      JsonNode value = json.readTree(json.readTree(line).get("value").asText());
      assertThat(value.get("op").asText()).as(line).isEqualTo("r");
      logged.merge(value.get("source").get("table").asText(), 1L, Long::sum);
    }

    Map<String, Long> inTheWarehouse = new TreeMap<>();
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.reference(), readOnly);
        Statement s = c.createStatement()) {
      for (String table : ShopContract.names()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM cur_" + table)) {
          rs.next();
          if (rs.getLong(1) > 0) {
            inTheWarehouse.put(table, rs.getLong(1));
          }
        }
      }
    }
    assertThat(logged).isEqualTo(inTheWarehouse);
  }
}
