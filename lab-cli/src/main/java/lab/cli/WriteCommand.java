package lab.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import lab.services.LocalLab;
import lab.shop.gen.LiveSummary;
import lab.shop.gen.LiveWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lab write}: live OLTP transactions at a set rate, for the pipeline to stream. */
@Command(
    name = "write",
    mixinStandardHelpOptions = true,
    description =
        "Write live shop transactions (new orders, status changes, price and customer updates).")
final class WriteCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;
  @Mixin LiveOptions live;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Random seed of the workload (default ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws SQLException {
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    LiveSummary s = write(local, live.rate(), live.duration(), seed, console);
    console.line("  " + describe(s));
    return 0;
  }

  static LiveSummary write(
      LocalLab local, double rate, java.time.Duration duration, long seed, Console console)
      throws SQLException {
    try (Connection c = VerifyCommand.connectShop(local)) {
      return new LiveWorkload()
          .run(
              c,
              rate,
              duration,
              seed,
              p ->
                  console.progress(
                      "live: "
                          + Console.count(p.transactions())
                          + " tx in "
                          + Console.seconds(p.elapsed())
                          + " ("
                          + String.format(java.util.Locale.US, "%.0f", p.txPerSecond())
                          + " tx/s)"));
    }
  }

  static String describe(LiveSummary s) {
    return Console.count(s.transactions())
        + " transactions in "
        + Console.seconds(s.elapsed())
        + String.format(java.util.Locale.US, " (%.1f tx/s): ", s.txPerSecond())
        + Console.count(s.newOrders())
        + " new orders with "
        + Console.count(s.orderLines())
        + " lines, "
        + Console.count(s.statusChanges())
        + " status changes, "
        + Console.count(s.priceChanges())
        + " price changes, "
        + Console.count(s.customerUpdates())
        + " customer updates";
  }
}
