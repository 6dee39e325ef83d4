package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import lab.config.LabSettings;
import lab.services.JavaProgram;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import lab.warehouse.sql.SqlScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exercises build their data without a database ({@code lab exercise change-log}): the seeder's
 * rows encoded as the capture's snapshot reads, then the first morning's script ({@code
 * change-day.sql}) run on a stand-in and encoded as the capture's stream. Here the real capture
 * snapshots the same seeded shop, the same script runs on the real PostgreSQL, and both must hold
 * the same records: for the snapshot, the same topics and keys with the same operation and
 * after-image, column for column; for the stream, topic by topic in the same order, the same key,
 * operation, before- and after-image, and a tombstone wherever the capture writes one; and every
 * envelope with Debezium's fields, the same where they do not change from run to run.
 */
class CourseChangeLogIT {

  private static final double SCALE = 0.001;
  private static final long SEED = 42;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DAY =
      Path.of("exercises", "src", "main", "resources", "lab", "exercise", "data", "change-day.sql");

  @TempDir static Path home;

  /** A record of a change topic: its topic, key and value (null for a tombstone). */
  private record Event(String topic, String key, String value) {}

  @Test
  void theExercisesChangeLogIsWhatTheCaptureEmitsForTheSameShopAndMorning() throws Exception {
    Path log = home.resolve("change-log.jsonl");
    int code =
        JavaProgram.fromModule(
                TestLab.root(),
                "exercises",
                "exercise",
                "lab.exercise.ExerciseMain",
                List.of("-Xmx512m"))
            .run(
                List.of(
                    "change-log",
                    "--scale",
                    Double.toString(SCALE),
                    "--seed",
                    Long.toString(SEED),
                    "--out",
                    log.toString()),
                home.resolve("exercise.log"));
    assertThat(code)
        .as("lab exercise change-log, log in %s", home.resolve("exercise.log"))
        .isZero();
    List<Event> synthetic = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode record = JSON.readTree(line);
      JsonNode value = record.get("value");
      synthetic.add(
          new Event(
              record.get("topic").asText(),
              record.get("key").asText(),
              value.isNull() ? null : value.asText()));
    }
    long snapshotReads = synthetic.stream().filter(CourseChangeLogIT::isSnapshotRead).count();

    LabSettings settings = TestLab.settings(home);
    LocalLab lab = TestLab.up(settings);
    try {
      TestLab.seedFreshShop(lab, ShopSize.ofScale(SCALE), SEED, ShopProfile.REALISTIC);
      lab.pipeline().startCdc(Pipeline.CdcOptions.DEFAULT);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(drain(settings)).hasSize((int) snapshotReads));
      runTheMorning(settings);
      List<Event> captured = new ArrayList<>();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                captured.clear();
                captured.addAll(drain(settings));
                assertThat(captured).hasSameSizeAs(synthetic);
              });
      answersOnTheRealTopics(settings, captured.size());
      lab.pipeline().stopCdc();
      Path capturedLog = home.resolve("captured.jsonl");
      List<String> lines = new ArrayList<>();
      for (Event e : captured) {
        lines.add(JSON.writeValueAsString(e));
      }
      Files.write(capturedLog, lines);

      assertSameSnapshot(snapshot(captured), snapshot(synthetic));
      assertThat(stream(synthetic))
          .as(
              "the stream after the snapshot, topic by topic (the capture's records: %s)",
              capturedLog)
          .isEqualTo(stream(captured));
    } finally {
      lab.down();
    }
  }

  /**
   * Lab 1 on the running lab: {@code lab exercise topics --answers} copies the real topics and runs
   * the lab's own answers on them; the morning's two erased addresses are there, each with its
   * tombstone.
   */
  private static void answersOnTheRealTopics(LabSettings settings, int records) throws Exception {
    Path work = home.resolve("work");
    Path out = home.resolve("topics.log");
    for (List<String> args :
        List.of(
            List.of("start", "1"),
            List.of("solution", "1", "--apply", "--yes"),
            List.of("topics", "--answers", "--kafka", settings.kafkaBootstrap()))) {
      List<String> all = new ArrayList<>();
      all.addAll(
          List.of(
              "--labs",
              TestLab.root().resolve("exercises").resolve("labs").toString(),
              "--work",
              work.toString()));
      all.addAll(args);
      int code =
          JavaProgram.fromModule(
                  TestLab.root(), "exercises", "exercise", "lab.exercise.ExerciseMain", List.of())
              .run(all, out);
      assertThat(code).as("lab exercise %s, output in %s", args, out).isZero();
    }
    assertThat(Files.readString(out))
        .contains(String.format("copied %,d records of 16 topics", records))
        .contains("erased_addresses (2 rows)")
        .contains("orders_now (");
  }

  /**
   * Runs the course's morning on the shop, a statement at a time, its BEGIN and COMMIT included.
   */
  private static void runTheMorning(LabSettings settings) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", settings.pgUser());
    p.setProperty("password", settings.pgPassword());
    try (Connection c = DriverManager.getConnection(settings.shopJdbcUrl(), p);
        Statement s = c.createStatement()) {
      for (String sql : SqlScript.statements(Files.readString(TestLab.root().resolve(DAY)))) {
        s.execute(sql);
      }
    }
  }

  private static List<Event> drain(LabSettings settings) throws Exception {
    List<Event> out = new ArrayList<>();
    TestLab.drainTopics(
        settings,
        t -> t.startsWith("shop.public."),
        true,
        r -> out.add(new Event(r.topic(), r.key(), r.value())));
    return out;
  }

  private static void assertSameSnapshot(Map<String, String> captured, Map<String, String> logged) {
    List<String> onlyCaptured =
        captured.keySet().stream().filter(k -> !logged.containsKey(k)).limit(5).toList();
    List<String> onlyLogged =
        logged.keySet().stream().filter(k -> !captured.containsKey(k)).limit(5).toList();
    assertThat(onlyCaptured)
        .as("snapshot reads only the capture has (the change log has %s)", onlyLogged)
        .isEmpty();
    assertThat(captured).hasSameSizeAs(logged);
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> e : captured.entrySet()) {
      if (!e.getValue().equals(logged.get(e.getKey()))) {
        differences.add(
            e.getKey()
                + "\n  capture:    "
                + e.getValue()
                + "\n  change-log: "
                + logged.get(e.getKey()));
      }
    }
    assertThat(differences)
        .as(
            "snapshot reads whose image differs (%d of %d), e.g.",
            differences.size(), captured.size())
        .isEmpty();
  }

  /** The snapshot reads by topic and key (their order is the server's scan order): the image. */
  private static Map<String, String> snapshot(List<Event> events) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Event e : events) {
      if (isSnapshotRead(e)) {
        out.put(e.topic() + " " + JSON.readTree(e.key()), describe(e.value()));
      }
    }
    return out;
  }

  /** The records after the snapshot, topic by topic in their order: key, operation and images. */
  private static Map<String, List<String>> stream(List<Event> events) throws Exception {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Event e : events) {
      if (!isSnapshotRead(e)) {
        out.computeIfAbsent(e.topic(), t -> new ArrayList<>())
            .add(JSON.readTree(e.key()) + " " + describe(e.value()));
      }
    }
    return new TreeMap<>(out);
  }

  private static boolean isSnapshotRead(Event e) {
    try {
      return e.value() != null && JSON.readTree(e.value()).path("op").asText().equals("r");
    } catch (Exception ex) {
      return false;
    }
  }

  /**
   * What must be equal: the operation, the before- and after-image (columns in name order), the
   * envelope's and its source's fields, and the source's values that do not change from run to run
   * (not its times, positions and transaction ids).
   */
  private static String describe(String value) throws Exception {
    if (value == null) {
      return "tombstone";
    }
    JsonNode envelope = JSON.readTree(value);
    JsonNode source = envelope.get("source");
    Map<String, String> stable = new TreeMap<>();
    for (String field :
        List.of("version", "connector", "name", "snapshot", "db", "schema", "table")) {
      stable.put(field, source.path(field).asText());
    }
    return envelope.get("op").asText()
        + " before="
        + image(envelope.get("before"))
        + " after="
        + image(envelope.get("after"))
        + " fields="
        + names(envelope)
        + " source="
        + names(source)
        + " "
        + stable;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String image(JsonNode row) {
    if (row == null || row.isNull()) {
      return "null";
    }
    Map<String, String> columns = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      columns.put(f.getKey(), f.getValue().toString());
    }
    return columns.toString();
  }
}
