package lab.it;

import java.nio.file.Path;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.services.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services an integration test runs against: real PostgreSQL and Kafka servers. Where
 * LAB_PG_URL / LAB_KAFKA_BOOTSTRAP are set, the test uses those servers; otherwise it starts the
 * lab's own embedded ones on free ports, in a home of its own, through the same code as {@code lab
 * up}. (Testcontainers, where a Docker engine exists, comes with the compose-lab issue.)
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
            defaults.externalKafka());
    log.warn(
        "integration test services: PostgreSQL {} ({}), Kafka {} ({})",
        settings.shopJdbcUrl(),
        settings.embeddedPostgres() ? "embedded, started by the test" : "external",
        settings.kafkaBootstrap(),
        settings.embeddedKafka() ? "embedded, started by the test" : "external");
    return settings;
  }

  /** Starts what the settings ask for and returns the lab; the caller calls {@code down()}. */
  static LocalLab up(LabSettings settings) {
    LocalLab lab = new LocalLab(settings);
    lab.postgres().start();
    lab.kafka().start();
    return lab;
  }
}
