package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.cli.LabCommand;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import lab.verify.WarehouseReader;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain, for real: embedded PostgreSQL, the KRaft broker, the Debezium capture and the
 * Spark job, each in its own process, started the way {@code lab demo} starts them. The warehouse
 * must reconcile exactly with the shop, and still does after the capture is killed with SIGKILL
 * mid-stream and restarted, which re-delivers every change since its last offset flush, and after
 * the Spark job is killed the same way and replays from its checkpoint. A backfill of the same
 * topics in batch mode then builds an identical warehouse.
 */
class PipelineIT {

  private static final ShopSize SMALL_SHOP = new ShopSize(300, 60, 2_000);
  private static final Duration CATCH_UP = Duration.ofMinutes(4);

  /** Flushed rarely, so a crash is sure to leave sent-but-unflushed changes to re-deliver. */
  private static final Duration RARE_OFFSET_FLUSH = Duration.ofSeconds(10);

  @TempDir Path home;

  @Test
  void theWarehouseReconcilesExactlyAlsoAfterCaptureAndSparkJobAreKilledMidStream()
      throws Exception {
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = TestLab.up(settings);
    try {
      TestLab.seedFreshShop(lab, SMALL_SHOP, 42, ShopProfile.REALISTIC);
      Pipeline pipeline = lab.pipeline();
      pipeline.startEtl();
      pipeline.startCdc(new Pipeline.CdcOptions(RARE_OFFSET_FLUSH));
      awaitReconciled(lab);
      // Measured once the pipeline streams: writes made before the capture's first snapshot
      // arrive in it, with the snapshot's time, not their commit's.
      String measured = measuredWrite(settings);
      awaitReconciled(lab);
      assertMeasured(measured);

      long delivered = countChangeRecords(settings);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(() -> TestLab.writeLive(lab, Duration.ofSeconds(8), 2));
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> countChangeRecords(settings) > delivered + 200);
      ProcessHandle cdc = pipeline.cdc().orElseThrow();
      cdc.destroyForcibly(); // SIGKILL: no offset flush, no goodbye
      cdc.onExit().get(30, TimeUnit.SECONDS);
      writer.get(1, TimeUnit.MINUTES);
      pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      awaitReconciled(lab);

      DeliveredChanges changes = readChangeTopics(settings);
      assertThat(changes.records())
          .as("the restarted capture re-delivered changes it had sent before the kill")
          .isGreaterThan(changes.distinct());
      assertThat(absorbedRedeliveries(lab))
          .as("the warehouse ledger counted the re-delivered changes it ignored")
          .isPositive();

      // The Spark job killed mid-stream replays from its checkpoint: a batch it had applied but
      // not yet committed in the checkpoint must be skipped by the warehouse's ledger.
      CompletableFuture<Void> moreWrites =
          CompletableFuture.runAsync(() -> TestLab.writeLive(lab, Duration.ofSeconds(8), 3));
      long beforeEtlKill = countChangeRecords(settings);
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> countChangeRecords(settings) > beforeEtlKill + 200);
      ProcessHandle etl = pipeline.etl().orElseThrow();
      etl.destroyForcibly();
      etl.onExit().get(30, TimeUnit.SECONDS);
      pipeline.startEtl();
      moreWrites.get(1, TimeUnit.MINUTES);
      awaitReconciled(lab);

      pipeline.stopEtl();
      pipeline.stopCdc();
      System.setProperty("lab.root", settings.root().toString());
      List<String> verifyArgs = new ArrayList<>(List.of("--home", home.toString()));
      verifyArgs.addAll(TestLab.serverFlags(settings));
      verifyArgs.add("verify");
      int verify = LabCommand.execute(verifyArgs.toArray(String[]::new));
      assertThat(verify).as("./lab verify exit code on the stopped warehouse").isZero();

      // Batch and stream, same answer: a backfill from the earliest offsets, with the same
      // transform and sink, builds a warehouse whose every table has the streamed one's checksum;
      // and the benchmark's reference, the transform written as DuckDB SQL, builds the same one
      // from the same topics (the command exits 1 when any table differs).
      List<String> backfillArgs = new ArrayList<>(List.of("--home", home.toString()));
      backfillArgs.addAll(TestLab.serverFlags(settings));
      backfillArgs.addAll(List.of("etl", "--backfill", "--sql-reference"));
      int backfill = LabCommand.execute(backfillArgs.toArray(String[]::new));
      assertThat(backfill)
          .as("./lab etl --backfill --sql-reference: streamed, Spark and SQL warehouses identical")
          .isZero();
    } finally {
      lab.down();
    }
    assertThat(lab.status())
        .filteredOn(TestLab::stoppedByDown)
        .allSatisfy(s -> assertThat(s.state().healthy()).as(s.name() + " stopped").isFalse());
  }

  /**
   * {@code ./lab write --measure} while the pipeline runs, as a student would start it; returns
   * what it printed.
   */
  private String measuredWrite(LabSettings settings) {
    List<String> args = new ArrayList<>(List.of("--home", home.toString()));
    args.addAll(TestLab.serverFlags(settings));
    args.addAll(
        List.of(
            "write", "--rate", "40", "--live-seconds", "8", "--warm-up-seconds", "2", "--measure"));
    PrintStream terminal = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      int code = LabCommand.execute(args.toArray(String[]::new));
      assertThat(code).as("./lab write --measure exit code").isZero();
    } finally {
      System.setOut(terminal);
      terminal.print(printed.toString(StandardCharsets.UTF_8));
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** The measured window's changes reached the warehouse, and the programs' CPU was read. */
  private static void assertMeasured(String printed) {
    Matcher changes =
        Pattern.compile("freshness, shop commit -> warehouse: ([0-9,]+) changes .*p99 ([0-9.]+) s")
            .matcher(printed);
    assertThat(changes.find()).as("a freshness line in:%n%s", printed).isTrue();
    assertThat(Long.parseLong(changes.group(1).replace(",", ""))).isPositive();
    assertThat(Double.parseDouble(changes.group(2))).isPositive();
    assertThat(printed).contains("the warehouse snapshot held the writer's last changes");
    Matcher etl = Pattern.compile("CPU in cores over .* etl ([0-9.]+)").matcher(printed);
    assertThat(etl.find()).as("the ETL's CPU in:%n%s", printed).isTrue();
    assertThat(Double.parseDouble(etl.group(1))).isPositive();
    Matcher external = Pattern.compile("\\(([a-z, ]+) not run by the lab").matcher(printed);
    if (!(external.find() && external.group(1).contains("postgres"))) {
      Matcher postgres =
          Pattern.compile("CPU in cores over .*: postgres ([0-9.]+)").matcher(printed);
      assertThat(postgres.find()).as("PostgreSQL's CPU in:%n%s", printed).isTrue();
      assertThat(Double.parseDouble(postgres.group(1))).isPositive();
    }
  }

  private static void awaitReconciled(LocalLab lab) {
    TestLab.awaitReconciled(lab, CATCH_UP);
  }

  private static long absorbedRedeliveries(LocalLab lab) throws Exception {
    try (WarehouseReader.Opened wh = WarehouseReader.open(lab.settings(), true);
        java.sql.Statement s = wh.connection().createStatement();
        java.sql.ResultSet rs =
            s.executeQuery("SELECT sum(duplicates + stale) FROM etl_batch_ledger")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Records in the change topics (tombstones included), from their end offsets. */
  private static long countChangeRecords(LabSettings settings) {
    try (KafkaConsumer<String, String> consumer = TestLab.changeConsumer(settings)) {
      List<TopicPartition> partitions = changePartitions(consumer);
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private record DeliveredChanges(long records, long distinct) {}

  /** Drains every change topic to its end offsets; a change is (topic, key, source LSN, op). */
  private static DeliveredChanges readChangeTopics(LabSettings settings) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Set<String> distinct = new HashSet<>();
    long[] records = {0};
    TestLab.drainTopics(
        settings,
        t -> t.startsWith(LocalLab.TOPIC_PREFIX),
        r -> {
          records[0]++;
          JsonNode v = json.readTree(r.value());
          distinct.add(
              r.topic() + r.key() + v.path("source").path("lsn").asLong() + v.path("op").asText());
        });
    return new DeliveredChanges(records[0], distinct.size());
  }

  private static List<TopicPartition> changePartitions(KafkaConsumer<String, String> consumer) {
    return consumer.listTopics().entrySet().stream()
        .filter(e -> e.getKey().startsWith(LocalLab.TOPIC_PREFIX))
        .flatMap(e -> e.getValue().stream())
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }
}
