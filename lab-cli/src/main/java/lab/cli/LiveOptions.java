package lab.cli;

import java.time.Duration;
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
