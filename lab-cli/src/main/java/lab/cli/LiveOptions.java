package lab.cli;

import java.time.Duration;
import lab.shop.gen.LiveWorkload;
import picocli.CommandLine.Option;

/** How long and how fast live OLTP transactions are written. */
final class LiveOptions {

  @Option(
      names = "--live-seconds",
      defaultValue = "20",
      description = "Seconds of live transactions (default ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--rate",
      defaultValue = "50",
      description = "Live transactions per second (default ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--connections",
      defaultValue = "1",
      description = "Client connections sharing the rate (default ${DEFAULT-VALUE}, at most 64)")
  int connections;

  int connections() {
    if (connections < 1 || connections > LiveWorkload.MAX_CONNECTIONS) {
      throw new IllegalArgumentException(
          "--connections must be between 1 and "
              + LiveWorkload.MAX_CONNECTIONS
              + ", got "
              + connections);
    }
    return connections;
  }

  Duration duration() {
    if (seconds < 0 || seconds > 86_400) {
      throw new IllegalArgumentException(
          "--live-seconds must be between 0 and 86400, got " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  double rate() {
    if (!(rate > 0 && rate <= 100_000)) {
      throw new IllegalArgumentException("--rate must be > 0 and <= 100000, got " + rate);
    }
    return rate;
  }
}
