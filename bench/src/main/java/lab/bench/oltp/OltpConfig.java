package lab.bench.oltp;

import java.time.Duration;
import java.util.Objects;

/**
 * One run of the OLTP driver: how many clients, for how long (or how many transactions), after how
 * much warm-up, with which seed and mix. Values are checked here, naming the flag to change.
 *
 * @param duration how long the measured part runs, or null when {@code transactions} counts it
 * @param transactions how many transactions the measured part runs, or 0 when timed
 * @param warmup run before measuring, excluded from the histograms and counts
 * @param maxRetries how often a transaction that hit a conflict or deadlock is run again before it
 *     counts as failed
 */
public record OltpConfig(
    int clients,
    Duration duration,
    long transactions,
    Duration warmup,
    long seed,
    int maxRetries,
    OltpMix mix) {

  public static final int MAX_CLIENTS = 256;
  public static final long MAX_SECONDS = 86_400;
  public static final long MAX_TRANSACTIONS = 1_000_000_000L;
  public static final long MAX_WARMUP_SECONDS = 3_600;
  public static final int MAX_RETRIES = 100;
  public static final int DEFAULT_MAX_RETRIES = 10;

  public OltpConfig {
    if (clients < 1 || clients > MAX_CLIENTS) {
      throw new IllegalArgumentException(
          "clients must be between 1 and " + MAX_CLIENTS + ", got " + clients + " (set --clients)");
    }
    if ((duration == null) == (transactions == 0)) {
      throw new IllegalArgumentException(
          "give either a duration (--seconds) or a transaction count (--transactions), not both");
    }
    if (duration != null
        && (duration.isNegative()
            || duration.isZero()
            || duration.compareTo(Duration.ofSeconds(MAX_SECONDS)) > 0)) {
      throw new IllegalArgumentException(
          "seconds must be > 0 and <= "
              + MAX_SECONDS
              + ", got "
              + seconds(duration)
              + " (set --seconds)");
    }
    if (transactions < 0 || transactions > MAX_TRANSACTIONS) {
      throw new IllegalArgumentException(
          "transactions must be between 1 and "
              + MAX_TRANSACTIONS
              + ", got "
              + transactions
              + " (set --transactions)");
    }
    Objects.requireNonNull(warmup, "warmup");
    if (warmup.isNegative() || warmup.compareTo(Duration.ofSeconds(MAX_WARMUP_SECONDS)) > 0) {
      throw new IllegalArgumentException(
          "warm-up seconds must be between 0 and "
              + MAX_WARMUP_SECONDS
              + ", got "
              + seconds(warmup)
              + " (set --warmup-seconds)");
    }
    if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
      throw new IllegalArgumentException(
          "max retries must be between 0 and "
              + MAX_RETRIES
              + ", got "
              + maxRetries
              + " (set --max-retries)");
    }
    Objects.requireNonNull(mix, "mix");
  }

  /** A timed run with the standard mix. */
  public static OltpConfig timed(int clients, Duration duration, Duration warmup, long seed) {
    return new OltpConfig(
        clients,
        Objects.requireNonNull(duration, "duration"),
        0,
        warmup,
        seed,
        DEFAULT_MAX_RETRIES,
        OltpMix.STANDARD);
  }

  /** A run of a fixed number of transactions with the standard mix. */
  public static OltpConfig counted(int clients, long transactions, Duration warmup, long seed) {
    if (transactions < 1) {
      throw new IllegalArgumentException(
          "transactions must be between 1 and "
              + MAX_TRANSACTIONS
              + ", got "
              + transactions
              + " (set --transactions)");
    }
    return new OltpConfig(
        clients, null, transactions, warmup, seed, DEFAULT_MAX_RETRIES, OltpMix.STANDARD);
  }

  public OltpConfig withMaxRetries(int retries) {
    return new OltpConfig(clients, duration, transactions, warmup, seed, retries, mix);
  }

  public boolean counted() {
    return transactions > 0;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : (d.toMillis() / 1000.0) + "";
  }
}
