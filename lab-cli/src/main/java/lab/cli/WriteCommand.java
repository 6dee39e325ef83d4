package lab.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.services.LocalLab;
import lab.shop.gen.LiveSummary;
import lab.shop.gen.LiveWorkload;
import lab.shop.gen.TransactionKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lab write}: live OLTP transactions at a set rate, for the pipeline to stream. */
@Command(
    name = "write",
    mixinStandardHelpOptions = true,
    description =
        "Write live shop transactions (orders through their lifecycle, price changes, customer"
            + " moves, sign-ups, erasures, CRM imports) at a set rate; Ctrl-C stops cleanly.")
final class WriteCommand implements Callable<Integer> {

  // Longer than any session; LiveWorkload treats it as no end.
  private static final Duration FOREVER = Duration.ofDays(365_000);

  @ParentCommand LabCommand lab;
  @Mixin LiveOptions live;

  @Option(
      names = "--until-stopped",
      description = "Write until Ctrl-C instead of for --live-seconds")
  boolean untilStopped;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Random seed of the workload (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--measure",
      description =
          "Measure the running pipeline meanwhile: freshness (shop commit -> warehouse) of the"
              + " changes written after the warm-up, whether it kept up, and each program's CPU")
  boolean measure;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "10",
      description =
          "With --measure: seconds at the start left out of it (default ${DEFAULT-VALUE}); the"
              + " stream's first batches after a pause are larger than its steady ones")
  int warmUpSeconds;

  @Override
  public Integer call() throws SQLException, InterruptedException {
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    if (measure && untilStopped) {
      throw new IllegalArgumentException(
          "--measure needs a set length: use --live-seconds instead of --until-stopped");
    }
    LiveMeasure measured =
        measure
            ? LiveMeasure.begin(local, Duration.ofSeconds(warmUpSeconds), live.duration())
            : null;
    LiveSummary s = write(local, live, untilStopped, seed, console);
    Instant stopped = Instant.now();
    console.line("  " + describe(s));
    if (measured != null) {
      LiveMeasure.Result r = measured.finish(stopped, console);
      LiveMeasure.describe(r, Runtime.getRuntime().availableProcessors()).forEach(console::line);
    }
    return 0;
  }

  /**
   * Writes until the duration ends or Ctrl-C; on Ctrl-C the clients finish the transaction in hand
   * and the summary is still printed before the JVM exits. Shared with the demo.
   */
  static LiveSummary write(
      LocalLab local, LiveOptions live, boolean untilStopped, long seed, Console console)
      throws SQLException {
    double rate = live.rate();
    Duration duration = untilStopped ? FOREVER : live.duration();
    int connections = live.connections();
    Thread writer = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    Thread onCtrlC =
        new Thread(
            () -> {
              writer.interrupt();
              try {
                finished.await(15, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "write-ctrl-c");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      LiveSummary summary =
          new LiveWorkload()
              .run(
                  () -> VerifyCommand.connectShop(local),
                  connections,
                  rate,
                  duration,
                  seed,
                  p ->
                      console.progress(
                          "live: "
                              + Console.count(p.transactions())
                              + " tx in "
                              + Console.seconds(p.elapsed())
                              + String.format(Locale.US, " (%.0f tx/s)", p.txPerSecond())));
      if (Thread.interrupted()) {
        console.line("  stopped by Ctrl-C: every committed transaction is in the shop");
        console.line("  " + describe(summary));
      }
      return summary;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for the latch counted down above.
      }
    }
  }

  static String describe(LiveSummary s) {
    String mix =
        Stream.of(TransactionKind.values())
            .filter(k -> s.count(k) > 0 && k != TransactionKind.NEW_ORDER)
            .map(k -> Console.count(s.count(k)) + " " + k.label())
            .collect(Collectors.joining(", "));
    return Console.count(s.transactions())
        + " transactions in "
        + Console.seconds(s.elapsed())
        + String.format(
            Locale.US,
            " (%.1f tx/s over %d connection%s",
            s.txPerSecond(),
            s.connections(),
            s.connections() == 1 ? "" : "s")
        + (s.retries() > 0 ? ", " + Console.count(s.retries()) + " retries" : "")
        + "): "
        + Console.count(s.newOrders())
        + " new orders with "
        + Console.count(s.orderLines())
        + " lines"
        + (mix.isEmpty() ? "" : ", " + mix);
  }
}
