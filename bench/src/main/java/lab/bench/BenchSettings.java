package lab.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark run's settings, checked here so that a bad value fails before anything runs; each
 * message names the flag to change.
 *
 * @param scales the shop scales to run, in order (a sweep when more than one)
 * @param oltpSeconds measured seconds of each OLTP run (and of each HTAP case)
 * @param only catalog ids to run, or empty for all
 */
public record BenchSettings(
    List<Double> scales,
    int repeats,
    int warmup,
    int oltpSeconds,
    int clients,
    Path out,
    boolean skipHtap,
    List<String> only) {

  public static final int MAX_REPEATS = 1_000;
  public static final int MAX_OLTP_SECONDS = 3_600;
  public static final int MAX_CLIENTS = 256;

  public BenchSettings {
    Objects.requireNonNull(out, "out");
    scales = List.copyOf(scales);
    only = only.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    if (scales.isEmpty()) {
      throw new IllegalArgumentException("--scales: give at least one scale, e.g. 0.1,1");
    }
    for (double s : scales) {
      if (!(s > 0 && s <= 100)) {
        throw new IllegalArgumentException(
            "--scale/--scales: each scale must be above 0 and at most 100, got " + s);
      }
    }
    if (repeats < 1 || repeats > MAX_REPEATS) {
      throw new IllegalArgumentException(
          "--repeats must be between 1 and " + MAX_REPEATS + ", got " + repeats);
    }
    if (warmup < 0 || warmup > MAX_REPEATS) {
      throw new IllegalArgumentException(
          "--warmup must be between 0 and " + MAX_REPEATS + ", got " + warmup);
    }
    if (oltpSeconds < 1 || oltpSeconds > MAX_OLTP_SECONDS) {
      throw new IllegalArgumentException(
          "--oltp-seconds must be between 1 and " + MAX_OLTP_SECONDS + ", got " + oltpSeconds);
    }
    if (clients < 1 || clients > MAX_CLIENTS) {
      throw new IllegalArgumentException(
          "--clients must be between 1 and " + MAX_CLIENTS + ", got " + clients);
    }
  }
}
