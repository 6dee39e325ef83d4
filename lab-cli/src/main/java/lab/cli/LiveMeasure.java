package lab.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import lab.services.CpuMeter;
import lab.services.LabException;
import lab.services.LocalLab;
import lab.services.ServiceStatus;
import lab.verify.WarehouseReader;
import lab.warehouse.schema.Freshness;

/**
 * {@code lab write --measure}: how fresh the warehouse stays while the writer runs, and where the
 * machine's CPU goes meanwhile. The first {@code warm-up} of the run is left out (the stream's
 * first batches after a pause are larger than its steady ones). After the writer stops, it waits
 * until the warehouse snapshot holds the writer's last changes; the freshness it reports is that of
 * every change committed in the measured window, however late it was applied, so a pipeline that
 * falls behind shows it in its percentiles and in its second half.
 */
final class LiveMeasure {

  /** How long to wait for the warehouse to hold the writer's last changes. */
  static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

  /** The programs whose CPU is measured, as lab status names them. */
  private static final List<String> PROGRAMS = List.of("postgres", "kafka", "cdc", "etl");

  private final LocalLab local;
  private final Duration warmUp;
  private final List<CpuMeter.Program> programs;
  private final Instant started;
  private final AtomicReference<CpuMeter> meter = new AtomicReference<>();
  private final ScheduledExecutorService timer;

  /** Why the snapshot could not be read the last time, for the timeout's message. */
  private String lastReadError;

  private LiveMeasure(LocalLab local, Duration warmUp, List<CpuMeter.Program> programs) {
    this.local = local;
    this.warmUp = warmUp;
    this.programs = programs;
    this.started = Instant.now();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "measure-warm-up");
              t.setDaemon(true);
              return t;
            });
    timer.schedule(
        () -> meter.set(CpuMeter.start(programs)), warmUp.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts measuring a run of {@code runLength}; the pipeline must be running, since the ETL
   * records each change's freshness as it applies it.
   */
  static LiveMeasure begin(LocalLab local, Duration warmUp, Duration runLength) {
    if (warmUp.isNegative() || warmUp.compareTo(runLength) >= 0) {
      throw new IllegalArgumentException(
          "--warm-up-seconds must be at least 0 and less than --live-seconds ("
              + runLength.toSeconds()
              + "), got "
              + warmUp.toSeconds());
    }
    if (local.pipeline().cdc().isEmpty() || local.pipeline().etl().isEmpty()) {
      throw new LabException(
          "--measure needs the running pipeline: the ETL records how fresh each change is as it"
              + " applies it. Start it with ./lab pipeline start");
    }
    List<CpuMeter.Program> programs = new ArrayList<>();
    for (ServiceStatus s : local.status()) {
      if (PROGRAMS.contains(s.name()) && s.pid() > 0) {
        ProcessHandle.of(s.pid()).ifPresent(h -> programs.add(CpuMeter.Program.tree(s.name(), h)));
      }
    }
    // On its own: a JVM that started the lab's programs itself (a test) has them as descendants.
    programs.add(CpuMeter.Program.alone("writer (this command)", ProcessHandle.current()));
    return new LiveMeasure(local, warmUp, programs);
  }

  /** What a measured run found. */
  record Result(
      Instant from,
      Instant to,
      Optional<Freshness> all,
      Optional<Freshness> firstHalf,
      Optional<Freshness> secondHalf,
      Duration drained,
      Duration cpuWindow,
      List<CpuMeter.Usage> cpu,
      List<String> notMeasured) {}

  /**
   * Ends the measurement at the writer's stop: reads the CPU, waits (with progress) until the
   * warehouse holds the writer's last changes, and reads the window's freshness.
   */
  Result finish(Instant writerStopped, Console console) throws SQLException, InterruptedException {
    timer.shutdownNow();
    CpuMeter m = meter.get();
    if (m == null) {
      throw new LabException(
          "the writer stopped before the warm-up ended; nothing was measured (raise"
              + " --live-seconds or lower --warm-up-seconds)");
    }
    Duration cpuWindow = m.elapsed();
    List<CpuMeter.Usage> cpu = m.read();
    Instant from = started.plus(warmUp);
    Instant lastWrite = writerStopped.minusSeconds(1);
    long t0 = System.nanoTime();
    long deadline = t0 + DRAIN_TIMEOUT.toNanos();
    while (latestCommitApplied().filter(t -> !t.isBefore(lastWrite)).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new LabException(
            "the warehouse did not receive the writer's last changes within "
                + DRAIN_TIMEOUT.toMinutes()
                + " minutes"
                + (lastReadError == null ? "" : " (reading its snapshot: " + lastReadError + ")")
                + "; see "
                + local.pipeline().log("etl"));
      }
      if (local.pipeline().etl().isEmpty()) {
        throw new LabException("the Spark ETL exited; see " + local.pipeline().log("etl"));
      }
      console.progress(
          "waiting for the warehouse to hold the writer's last changes ("
              + Console.seconds(Duration.ofNanos(System.nanoTime() - t0))
              + ")");
      TimeUnit.MILLISECONDS.sleep(500);
    }
    Duration drained = Duration.ofNanos(System.nanoTime() - t0);
    Instant middle = from.plus(Duration.between(from, writerStopped).dividedBy(2));
    try (WarehouseReader.Opened wh = WarehouseReader.open(local.settings(), true)) {
      return new Result(
          from,
          writerStopped,
          Freshness.committedBetween(wh.connection(), from, writerStopped),
          Freshness.committedBetween(wh.connection(), from, middle),
          Freshness.committedBetween(wh.connection(), middle, writerStopped),
          drained,
          cpuWindow,
          cpu,
          PROGRAMS.stream()
              .filter(p -> programs.stream().noneMatch(q -> q.name().equals(p)))
              .toList());
    }
  }

  /** The latest commit the published snapshot holds; empty before the first snapshot. */
  private Optional<Instant> latestCommitApplied() {
    try (WarehouseReader.Opened wh = WarehouseReader.open(local.settings(), true)) {
      Optional<Instant> latest = Freshness.latestCommitApplied(wh.connection());
      lastReadError = null;
      return latest;
    } catch (SQLException | RuntimeException e) {
      // A snapshot being replaced, or none yet: look again, and name it if it lasts.
      lastReadError = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return Optional.empty();
    }
  }

  /** The result as lines for the terminal. */
  static List<String> describe(Result r, int cores) {
    Duration window = Duration.between(r.from(), r.to());
    List<String> lines = new ArrayList<>();
    lines.add(
        "measured: the "
            + Console.seconds(window)
            + " after the warm-up (changes committed in it, however late they were applied)");
    if (r.all().isEmpty()) {
      lines.add("  freshness: no change of the window reached the warehouse");
    } else {
      Freshness f = r.all().get();
      lines.add(
          String.format(
              Locale.US,
              "  freshness, shop commit -> warehouse: %,d changes (%,.0f/s): %s",
              f.changes(),
              f.changes() * 1000.0 / Math.max(1, window.toMillis()),
              f.percentiles()));
      lines.add(
          "    first half "
              + r.firstHalf().map(LiveMeasure::halfLine).orElse("none")
              + "; second half "
              + r.secondHalf().map(LiveMeasure::halfLine).orElse("none")
              + ": "
              + verdict(r));
    }
    lines.add(
        "  the warehouse snapshot held the writer's last changes "
            + Console.seconds(r.drained())
            + " after it stopped");
    double seconds = r.cpuWindow().toMillis() / 1000.0;
    double total =
        r.cpu().stream()
            .mapToDouble(u -> u.cpu().map(d -> d.toMillis() / 1000.0).orElse(0.0))
            .sum();
    lines.add(
        String.format(
                Locale.US, "  CPU in cores over %.0f s (the machine has %d): ", seconds, cores)
            + r.cpu().stream()
                .map(
                    u ->
                        u.program()
                            + " "
                            + u.cpu()
                                .map(
                                    d ->
                                        String.format(
                                            Locale.US, "%.2f", d.toMillis() / 1000.0 / seconds))
                                .orElse("unknown"))
                .collect(Collectors.joining(", "))
            + String.format(Locale.US, "; together %.2f", total / seconds)
            + (r.notMeasured().isEmpty()
                ? ""
                : " (" + String.join(", ", r.notMeasured()) + " not run by the lab: not counted)"));
    return lines;
  }

  private static String halfLine(Freshness f) {
    return String.format(Locale.US, "p50 %.2f s, p99 %.2f s", f.p50Ms() / 1e3, f.p99Ms() / 1e3);
  }

  /**
   * Whether the pipeline kept up: a stream that keeps up has the same freshness in both halves of
   * the window; one that falls behind is later in the second half by the backlog it gathered.
   */
  static String verdict(Result r) {
    if (r.firstHalf().isEmpty() || r.secondHalf().isEmpty()) {
      return "too few changes to tell whether it kept up";
    }
    long first = r.firstHalf().get().p50Ms();
    long second = r.secondHalf().get().p50Ms();
    return second > first * 3 / 2 + 1000
        ? "falling behind (the second half's median is more than 1.5 times the first's, plus 1 s)"
        : "kept up (the second half's median is within 1.5 times the first's, plus 1 s)";
  }
}
