package lab.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CpuMeterTest {

  private Process shell;

  /**
   * A shell that waits for its child, which spins, and then for its input (which stays open): the
   * shell's own CPU is next to nothing, its child's all of it.
   */
  private ProcessHandle startShellWithSpinningChild() throws Exception {
    shell = new ProcessBuilder("sh", "-c", "sh -c 'while :; do :; done' & wait; read line").start();
    return await(() -> shell.toHandle().children().findFirst());
  }

  @AfterEach
  void killTheShell() {
    if (shell != null) {
      shell.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void countsAProgramsChildrenFromTheStartEvenWhenTheyExit() throws Exception {
    ProcessHandle child = startShellWithSpinningChild();
    await(() -> child.info().totalCpuDuration().filter(d -> d.toMillis() > 1_000));

    CpuMeter meter = CpuMeter.start(List.of(CpuMeter.Program.tree("shell", shell.toHandle())));
    Duration first = reading(meter);
    Duration spun = await(() -> Optional.of(reading(meter)).filter(d -> d.toMillis() > 300));
    child.destroy(); // the shell reaps it and takes over its time
    await(
        () ->
            shell.toHandle().children().findAny().isEmpty() ? Optional.of(true) : Optional.empty());
    Duration afterExit = reading(meter);

    assertThat(first)
        .as("the second the child spun before the start")
        .isLessThan(Duration.ofSeconds(1));
    assertThat(afterExit).as("the exited child's time").isGreaterThanOrEqualTo(spun);
    assertThat(afterExit)
        .isLessThanOrEqualTo(
            meter.elapsed().multipliedBy(Runtime.getRuntime().availableProcessors()));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aProgramAloneLeavesOutTheProcessesItStarted() throws Exception {
    ProcessHandle child = startShellWithSpinningChild();
    CpuMeter meter =
        CpuMeter.start(
            List.of(
                CpuMeter.Program.alone("shell", shell.toHandle()),
                CpuMeter.Program.tree("with child", shell.toHandle())));
    await(() -> meter.read().get(1).cpu().filter(d -> d.toMillis() > 300).map(d -> true));

    assertThat(child.isAlive()).isTrue();
    assertThat(meter.read().get(0).cpu().orElseThrow()).isLessThan(Duration.ofMillis(100));
  }

  @Test
  void aProgramThatHasExitedHasNoReading() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    CpuMeter meter = CpuMeter.start(List.of(CpuMeter.Program.tree("gone", done.toHandle())));

    assertThat(meter.read()).containsExactly(new CpuMeter.Usage("gone", Optional.empty()));
  }

  private static Duration reading(CpuMeter meter) {
    return meter.read().get(0).cpu().orElseThrow();
  }

  /** Polls until the value is present, for at most a minute. */
  private static <T> T await(Supplier<Optional<T>> value) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline) {
      Optional<T> v = value.get();
      if (v.isPresent()) {
        return v.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("not within a minute");
  }
}
