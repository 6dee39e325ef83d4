package lab.it;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.config.LabSettings;
import lab.docker.DockerImageVersions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL and Kafka as containers of the compose lab's pinned images, started once per test JVM
 * and removed by Testcontainers' reaper when it exits.
 */
final class ContainerServices {

  static final String IMAGES = DockerImageVersions.POSTGRES + ", " + DockerImageVersions.KAFKA;
  private static final String PG_PASSWORD = "lab";

  private static ContainerServices shared;
  private static Boolean dockerEngine;

  private final PostgreSQLContainer postgres;
  private final KafkaContainer kafka;

  private ContainerServices() {
    postgres =
        new PostgreSQLContainer(DockerImageVersions.POSTGRES)
            .withDatabaseName(LabSettings.SHOP_DATABASE)
            .withUsername("postgres")
            .withPassword(PG_PASSWORD);
    // as the compose lab: logical decoding for CDC, fsync left on (the module's default is off)
    postgres.setCommand(
        "postgres",
        "-c",
        "wal_level=logical",
        "-c",
        "max_replication_slots=8",
        "-c",
        "max_wal_senders=8");
    kafka = new KafkaContainer(DockerImageVersions.KAFKA);
    postgres.start();
    kafka.start();
  }

  /** The containers, started on first use. */
  static synchronized ContainerServices shared() {
    if (shared == null) {
      shared = new ContainerServices();
    }
    return shared;
  }

  /** True unless LAB_IT_SERVICES=embedded asks for the embedded servers, if Docker answers. */
  static boolean wanted() {
    return !"embedded".equalsIgnoreCase(System.getenv("LAB_IT_SERVICES"))
        && dockerEngineAvailable();
  }

  /** Why the embedded servers are used, for the log line. */
  static String why() {
    return "embedded".equalsIgnoreCase(System.getenv("LAB_IT_SERVICES"))
        ? "LAB_IT_SERVICES=embedded"
        : "no Docker engine answers";
  }

  /** The settings pointed at the containers, as external servers. */
  LabSettings applyTo(LabSettings settings) {
    String bootstrap = kafka.getBootstrapServers().replaceFirst("^[A-Z_]+://", "");
    return settings.with(
        null,
        null,
        null,
        "jdbc:postgresql://"
            + postgres.getHost()
            + ":"
            + postgres.getMappedPort(5432)
            + "/"
            + LabSettings.SHOP_DATABASE,
        "postgres",
        PG_PASSWORD,
        bootstrap);
  }

  /**
   * True if a Docker engine answers. Testcontainers is asked only where an engine may exist (a
   * DOCKER_HOST, a Testcontainers configuration, or a socket that accepts a connection): without
   * one, its probe takes seconds and logs a page of errors.
   */
  static synchronized boolean dockerEngineAvailable() {
    if (dockerEngine == null) {
      dockerEngine = engineMayExist() && DockerClientFactory.instance().isDockerAvailable();
    }
    return dockerEngine;
  }

  private static boolean engineMayExist() {
    String home = System.getProperty("user.home");
    if (System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of(home, ".testcontainers.properties"))) {
      return true;
    }
    List<Path> sockets = new ArrayList<>();
    sockets.add(Path.of("/var/run/docker.sock"));
    sockets.add(Path.of(home, ".docker", "run", "docker.sock")); // Docker Desktop
    sockets.add(Path.of(home, ".colima", "default", "docker.sock"));
    sockets.add(Path.of(home, ".rd", "docker.sock")); // Rancher Desktop
    Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR"))
        .ifPresent(d -> sockets.add(Path.of(d, "docker.sock"))); // rootless Docker
    return sockets.stream().anyMatch(ContainerServices::accepts);
  }

  private static boolean accepts(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return channel.isConnected();
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
