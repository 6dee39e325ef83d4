package lab.warehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarSinkMemoryTest {

  @TempDir Path dir;

  @AfterEach
  void clear() {
    System.clearProperty(SinkSession.MEMORY_PROPERTY);
    System.clearProperty(SinkSession.CHECKPOINT_PROPERTY);
  }

  @Test
  void byDefaultTheWarehouseTakesAQuarterOfTheMachineNotDuckDbsEightyPercent() {
    long physicalMb =
        ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize()
            / (1024 * 1024);

    assertThat(SinkSession.memoryLimitMb()).isEqualTo(Math.max(512, physicalMb / 4));
  }

  @Test
  void aConfiguredLimitIsUsedAndTheSinkOpensWithIt() throws Exception {
    System.setProperty(SinkSession.MEMORY_PROPERTY, "300");

    assertThat(SinkSession.memoryLimitMb()).isEqualTo(300);
    try (StarSink sink = StarSink.open(dir.resolve("wh.duckdb"))) {
      assertThat(sink).isNotNull();
    }
  }

  @Test
  void aLimitThatIsNoNumberOfMegabytesIsRefusedWithTheSetting() {
    System.setProperty(SinkSession.MEMORY_PROPERTY, "4GB");

    assertThatThrownBy(SinkSession::memoryLimitMb)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dlab.warehouse.memory-mb must be a number of megabytes >= 64, got '4GB'");
  }

  @Test
  void theSinkCheckpointsItselfSoDuckDbsOwnThresholdIsOutOfReach() throws Exception {
    System.setProperty(SinkSession.CHECKPOINT_PROPERTY, "2048");

    try (StarSink sink = StarSink.open(dir.resolve("wh.duckdb"))) {
      assertThat(sink.setting("checkpoint_threshold")).endsWith("TiB");
    }
  }

  @Test
  void aCheckpointThresholdThatIsNoNumberOfMegabytesIsRefused() {
    System.setProperty(SinkSession.CHECKPOINT_PROPERTY, "0");

    assertThatThrownBy(() -> StarSink.open(dir.resolve("wh.duckdb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Dlab.warehouse.checkpoint-mb must be a number of megabytes >= 1");
  }
}
