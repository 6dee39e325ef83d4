package lab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import lab.config.LabSettings;
import lab.services.LabException;
import lab.services.LocalLab;
import lab.services.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab up / status / down} against real services (see {@link TestLab}). */
class LocalServicesIT {

  @TempDir Path home;
  @TempDir Path otherHome;

  @Test
  void upIsIdempotentABusyPortIsNamedAndDownLeavesNothingRunning() {
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = new LocalLab(settings);
    List<Long> pids;
    try {
      assertThat(lab.postgres().start())
          .as("postgres started")
          .isEqualTo(settings.embeddedPostgres());
      assertThat(lab.kafka().start()).as("kafka started").isEqualTo(settings.embeddedKafka());
      assertThat(lab.postgres().start()).as("second up: already running").isFalse();
      assertThat(lab.kafka().start()).as("second up: already running").isFalse();
      assertThat(lab.status().subList(0, 2))
          .allSatisfy(s -> assertThat(s.state().healthy()).isTrue());
      pids = lab.status().stream().map(ServiceStatus::pid).filter(p -> p > 0).toList();

      if (settings.embeddedPostgres()) {
        LocalLab second =
            new LocalLab(settings.with(otherHome, null, null, null, null, null, null));
        assertThatThrownBy(() -> second.postgres().start())
            .isInstanceOf(LabException.class)
            .hasMessageContaining("port " + settings.pgPort())
            .hasMessageContaining("--pg-port");
      }
    } finally {
      lab.down();
    }
    assertThat(lab.status())
        .filteredOn(TestLab::stoppedByDown)
        .allSatisfy(s -> assertThat(s.state().healthy()).isFalse());
    assertThat(pids)
        .allSatisfy(
            pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
  }

  @Test
  void anUnreachableExternalServerIsAOneLineErrorSayingWhatToDo() {
    int closedPort = lab.services.Ports.findFree();
    LabSettings external =
        TestLab.settings(home)
            .with(
                null,
                null,
                null,
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/shop",
                null,
                null,
                "127.0.0.1:" + closedPort);

    assertThatThrownBy(() -> new LocalLab(external).postgres().start())
        .isInstanceOf(LabException.class)
        .hasMessageContaining("unreachable")
        .hasMessageContaining("--pg-url");
    assertThatThrownBy(() -> new LocalLab(external).kafka().start())
        .isInstanceOf(LabException.class)
        .hasMessageContaining("unreachable")
        .hasMessageContaining("--kafka-bootstrap");
  }
}
