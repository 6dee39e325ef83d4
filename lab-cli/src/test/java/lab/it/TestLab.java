package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.services.Ports;
import lab.services.ServiceStatus;
import lab.shop.gen.LiveWorkload;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.schema.ShopMigrations;
import lab.verify.Reconciler;
import lab.verify.Reconciliation;
import lab.verify.WarehouseReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services an integration test runs against: real PostgreSQL and Kafka servers, from the first
 * of these that is available, so that the same tests run everywhere:
 *
 * <ol>
 *   <li>servers named by LAB_PG_URL / LAB_KAFKA_BOOTSTRAP;
 *   <li>containers of the pinned images (Testcontainers), where a Docker engine answers;
 *   <li>the lab's own embedded servers on free ports, in a home of their own, started through the
 *       same code as {@code lab up}.
 * </ol>
 *
 * LAB_IT_SERVICES=embedded skips the containers where Docker exists. One log line says which was
 * used.
 */
final class TestLab {

  private static final Logger log = LoggerFactory.getLogger(TestLab.class);

  private TestLab() {}

  /** The checkout: failsafe runs the tests from the lab-cli module's directory. */
  static Path root() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  }

  static LabSettings settings(Path home) {
    int kafkaPort = Ports.findFree();
    LabSettings defaults = LabSettings.fromEnvironment(root(), System.getenv());
    LabSettings settings =
        new LabSettings(
            root(),
            home,
            Ports.findFree(),
            kafkaPort,
            Ports.findFree(),
            defaults.externalPgUrl(),
            defaults.pgUser(),
            defaults.pgPassword(),
            defaults.externalKafka(),
            defaults.sparkMaster());
    String source = "external (LAB_PG_URL / LAB_KAFKA_BOOTSTRAP)";
    if (settings.embeddedPostgres() && settings.embeddedKafka()) {
      if (ContainerServices.wanted()) {
        settings = ContainerServices.shared().applyTo(settings);
        source = "Testcontainers (" + ContainerServices.IMAGES + ")";
      } else {
        source =
            "the lab's embedded servers, started by the test (" + ContainerServices.why() + ")";
      }
    }
    log.warn(
        "integration test services: {}: PostgreSQL {}, Kafka {}",
        source,
        settings.shopJdbcUrl(),
        settings.kafkaBootstrap());
    return settings;
  }

  /** Starts what the settings ask for and returns the lab; the caller calls {@code down()}. */
  static LocalLab up(LabSettings settings) {
    LocalLab lab = new LocalLab(settings);
    lab.postgres().start();
    lab.kafka().start();
    return lab;
  }

  /**
   * A fresh start for a pipeline test: no change topics, CDC state, checkpoint or warehouse left
   * from an earlier test, and a shop migrated and seeded with the given size, seed and profile.
   */
  static void seedFreshShop(LocalLab lab, ShopSize size, long seed, ShopProfile profile)
      throws SQLException {
    lab.resetPipelineState();
    try (Connection shop = lab.postgres().connectShop()) {
      ShopMigrations.migrate(lab.postgres().shopDataSource());
      new ShopSeeder().seed(shop, size, seed, profile, p -> {});
    }
  }

  /**
   * Waits until the published warehouse snapshot reconciles exactly with the shop; on timeout the
   * failure names the checks that still differ (or why the snapshot could not be read).
   */
  static void awaitReconciled(LocalLab lab, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Reconciliation r = reconcileSnapshot(lab);
              assertThat(r.checks())
                  .as("shop vs warehouse checks")
                  .allMatch(Reconciliation.Check::ok);
              assertThat(r.differingOrders())
                  .as("orders that differ: %s", r.differences())
                  .isZero();
            });
  }

  private static Reconciliation reconcileSnapshot(LocalLab lab) throws Exception {
    try (Connection shop = lab.postgres().connectShop();
        WarehouseReader.Opened wh = WarehouseReader.open(lab.settings(), true)) {
      return Reconciler.reconcile(shop, wh.connection());
    }
  }

  /** The shop's live workload at 40 transactions a second for the given time. */
  static void writeLive(LocalLab lab, Duration duration, long seed) {
    try (Connection shop = lab.postgres().connectShop()) {
      new LiveWorkload().run(shop, 40, duration, seed, p -> {});
    } catch (Exception e) {
      throw new IllegalStateException("live workload failed", e);
    }
  }

  /** A consumer for reading the change topics by hand: no group, no committed offsets. */
  static KafkaConsumer<String, String> changeConsumer(LabSettings settings) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            settings.kafkaBootstrap(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5000),
        new StringDeserializer(),
        new StringDeserializer());
  }

  /** What {@link #drainTopics} does with each record. */
  @FunctionalInterface
  interface RecordVisitor {
    void visit(ConsumerRecord<String, String> record) throws Exception;
  }

  /**
   * Reads the topics whose names match from their beginning to their current end offsets and hands
   * every record but tombstones to {@code visitor}; fails after a minute.
   */
  static void drainTopics(LabSettings settings, Predicate<String> topics, RecordVisitor visitor)
      throws Exception {
    drainTopics(settings, topics, false, visitor);
  }

  /**
   * As {@link #drainTopics(LabSettings, Predicate, RecordVisitor)}; with {@code tombstones} the
   * visitor sees those too (a record whose value is null), in their place.
   */
  static void drainTopics(
      LabSettings settings, Predicate<String> topics, boolean tombstones, RecordVisitor visitor)
      throws Exception {
    try (KafkaConsumer<String, String> consumer = changeConsumer(settings)) {
      List<TopicPartition> partitions =
          consumer.listTopics().entrySet().stream()
              .filter(e -> topics.test(e.getKey()))
              .flatMap(e -> e.getValue().stream())
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("drained the topics in time").isLessThan(deadline);
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (tombstones || r.value() != null) {
            visitor.visit(r);
          }
        }
      }
    }
  }

  /**
   * True for what {@code lab down} stops: the embedded servers and the pipeline, not servers
   * (external or containers) that outlive the lab.
   */
  static boolean stoppedByDown(ServiceStatus s) {
    return s.state() != ServiceStatus.State.EXTERNAL_UP
        && s.state() != ServiceStatus.State.EXTERNAL_DOWN;
  }

  /** The command-line flags that point a {@code lab} command at the same servers. */
  static List<String> serverFlags(LabSettings settings) {
    List<String> flags = new ArrayList<>();
    if (settings.embeddedPostgres()) {
      flags.addAll(List.of("--pg-port", Integer.toString(settings.pgPort())));
    } else {
      flags.addAll(List.of("--pg-url", settings.shopJdbcUrl(), "--pg-user", settings.pgUser()));
      flags.addAll(List.of("--pg-password", settings.pgPassword()));
    }
    if (settings.embeddedKafka()) {
      flags.addAll(List.of("--kafka-port", Integer.toString(settings.kafkaPort())));
    } else {
      flags.addAll(List.of("--kafka-bootstrap", settings.kafkaBootstrap()));
    }
    return flags;
  }
}
