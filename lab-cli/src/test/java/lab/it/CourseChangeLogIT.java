package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.config.LabSettings;
import lab.services.JavaProgram;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exercises build their data without a database: the seeder's rows encoded as the capture's
 * snapshot events ({@code lab exercise change-log}). Here the real capture snapshots the same
 * seeded shop, and both must hold the same records: the same topics and keys, and for each key the
 * same operation and the same after-image, column for column, as the JSON the capture writes.
 */
class CourseChangeLogIT {

  private static final double SCALE = 0.001;
  private static final long SEED = 42;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path home;

  @Test
  void theExercisesChangeLogIsWhatTheCaptureEmitsForTheSameShop() throws Exception {
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
    Map<String, String> synthetic = new TreeMap<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode record = JSON.readTree(line);
      synthetic.put(
          id(record.get("topic").asText(), record.get("key").asText()),
          image(record.get("value").asText()));
    }

    LabSettings settings = TestLab.settings(home);
    LocalLab lab = TestLab.up(settings);
    try {
      TestLab.seedFreshShop(lab, ShopSize.ofScale(SCALE), SEED, ShopProfile.REALISTIC);
      lab.pipeline().startCdc(Pipeline.CdcOptions.DEFAULT);
      Map<String, String> captured = new TreeMap<>();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                captured.clear();
                TestLab.drainTopics(
                    settings,
                    t -> t.startsWith("shop.public."),
                    r -> captured.put(id(r.topic(), r.key()), image(r.value())));
                assertThat(captured).hasSameSizeAs(synthetic);
              });
      lab.pipeline().stopCdc();

      List<String> onlyCaptured =
          captured.keySet().stream().filter(k -> !synthetic.containsKey(k)).limit(5).toList();
      List<String> onlyLogged =
          synthetic.keySet().stream().filter(k -> !captured.containsKey(k)).limit(5).toList();
      assertThat(onlyCaptured)
          .as("records only the capture has (the change log has %s)", onlyLogged)
          .isEmpty();
      List<String> differences = new ArrayList<>();
      for (Map.Entry<String, String> e : captured.entrySet()) {
        if (!e.getValue().equals(synthetic.get(e.getKey()))) {
          differences.add(
              e.getKey()
                  + "\n  capture:    "
                  + e.getValue()
                  + "\n  change-log: "
                  + synthetic.get(e.getKey()));
        }
      }
      assertThat(differences)
          .as("records whose image differs (%d of %d), e.g.", differences.size(), captured.size())
          .isEmpty();
    } finally {
      lab.down();
    }
  }

  /** A record's identity: its topic and its key, as normalized JSON. */
  private static String id(String topic, String key) throws Exception {
    return topic + " " + JSON.readTree(key);
  }

  /** What must be equal: the operation and the after-image, columns in name order. */
  private static String image(String value) throws Exception {
    JsonNode envelope = JSON.readTree(value);
    Map<String, String> after = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = envelope.get("after").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      after.put(f.getKey(), f.getValue().toString());
    }
    return envelope.get("op").asText() + " " + after;
  }
}
