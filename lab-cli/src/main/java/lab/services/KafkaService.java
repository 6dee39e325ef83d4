package lab.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import lab.config.LabSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The lab's Kafka: a single-node KRaft broker (broker and controller in one process) in its own
 * JVM, or an existing cluster given by bootstrap address.
 */
public final class KafkaService {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final LabSettings settings;
  private final PidFile pidFile;

  public KafkaService(LabSettings settings) {
    this.settings = settings;
    this.pidFile = new PidFile(settings.pids().resolve("kafka.pid"));
  }

  public String address() {
    return settings.kafkaBootstrap();
  }

  /** Starts the broker and waits until it answers; returns false if it was already running. */
  public boolean start() {
    if (!settings.embeddedKafka()) {
      if (!reachable(Duration.ofSeconds(10))) {
        throw new LabException(
            "Kafka at "
                + settings.kafkaBootstrap()
                + " is unreachable; check --kafka-bootstrap / LAB_KAFKA_BOOTSTRAP, or unset it to"
                + " use the lab's embedded broker");
      }
      return false;
    }
    if (pidFile.live().isPresent()) {
      return false;
    }
    Ports.requireFree(settings.kafkaPort(), "Kafka", "--kafka-port or LAB_KAFKA_PORT");
    Ports.requireFree(
        settings.kafkaControllerPort(),
        "the Kafka controller",
        "--kafka-port or LAB_KAFKA_PORT (the controller takes the next port)");
    Path config = writeConfig();
    Path log = settings.logs().resolve("kafka.log");
    JavaProgram broker = program();
    if (!Files.exists(settings.kafkaData().resolve("data").resolve("meta.properties"))) {
      int exit =
          broker
              .withMain("kafka.tools.StorageTool")
              .run(
                  List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                  log);
      if (exit != 0) {
        throw new LabException("formatting Kafka's storage failed (exit " + exit + "); see " + log);
      }
    }
    Process process = broker.start(List.of(config.toString()), log);
    pidFile.write(process.toHandle());
    awaitReady(process, log);
    return true;
  }

  public boolean stop() {
    return settings.embeddedKafka() && pidFile.stop(STOP_GRACE);
  }

  public ServiceStatus status() {
    if (!settings.embeddedKafka()) {
      return new ServiceStatus(
          "kafka",
          reachable(Duration.ofSeconds(3))
              ? ServiceStatus.State.EXTERNAL_UP
              : ServiceStatus.State.EXTERNAL_DOWN,
          address(),
          -1,
          "external");
    }
    Optional<ProcessHandle> p = pidFile.live();
    if (p.isEmpty()) {
      return new ServiceStatus("kafka", ServiceStatus.State.DOWN, address(), -1, "");
    }
    boolean ok = reachable(Duration.ofSeconds(3));
    return new ServiceStatus(
        "kafka",
        ok ? ServiceStatus.State.UP : ServiceStatus.State.UNHEALTHY,
        address(),
        p.get().pid(),
        ok ? "KRaft broker+controller answering" : "process up, not answering");
  }

  /** True if a cluster answers at the bootstrap address within the timeout. */
  public boolean reachable(Duration timeout) {
    try (Admin admin = admin(timeout)) {
      admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** An admin client for the lab's cluster; the caller closes it. */
  public Admin admin(Duration timeout) {
    int ms = (int) timeout.toMillis();
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(ms, 2000),
            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(ms, 2000)));
  }

  private void awaitReady(Process process, Path log) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        pidFile.delete();
        throw new LabException(
            "the Kafka broker exited during start (code " + process.exitValue() + "); see " + log);
      }
      if (reachable(Duration.ofSeconds(2))) {
        return;
      }
    }
    pidFile.stop(STOP_GRACE);
    throw new LabException(
        "the Kafka broker did not become ready within "
            + READY_TIMEOUT.toSeconds()
            + " s; see "
            + log);
  }

  private JavaProgram program() {
    return JavaProgram.fromModule(
        settings.root(),
        "lab-cli",
        "kafka",
        "kafka.Kafka",
        List.of(
            "-Xms256m",
            "-Xmx512m",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            "-Dlab.log.level=INFO",
            "-Dlab.kafka.log.level=INFO"));
  }

  private Path writeConfig() {
    Path dir = settings.kafkaData();
    Path config = dir.resolve("server.properties");
    String host = "127.0.0.1";
    String text =
        String.join(
            "\n",
            "# Written by the lab: one node that is both broker and KRaft controller.",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@" + host + ":" + settings.kafkaControllerPort(),
            "listeners=PLAINTEXT://"
                + host
                + ":"
                + settings.kafkaPort()
                + ",CONTROLLER://"
                + host
                + ":"
                + settings.kafkaControllerPort(),
            "advertised.listeners=PLAINTEXT://" + host + ":" + settings.kafkaPort(),
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "log.retention.hours=-1",
            "");
    try {
      Files.createDirectories(dir);
      Files.writeString(config, text);
    } catch (IOException e) {
      throw new LabException("cannot write " + config + ": " + e.getMessage(), e);
    }
    return config;
  }
}
