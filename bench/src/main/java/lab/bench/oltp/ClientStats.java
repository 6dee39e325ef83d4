package lab.bench.oltp;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one client thread measured. Only its own thread writes it, so it needs no locks; the runner
 * merges all clients' figures once they have stopped.
 */
final class ClientStats {

  /** Latencies in microseconds, 3 significant digits; the histogram grows to the largest value. */
  final Map<TxType, Histogram> latencies = new EnumMap<>(TxType.class);

  final long[] rollbacks = new long[TxType.values().length];
  final long[] retries = new long[TxType.values().length];
  final long[] failures = new long[TxType.values().length];
  Effects effects = Effects.NONE;
  long inDoubt;
  long reconnects;

  ClientStats() {
    for (TxType type : TxType.values()) {
      latencies.put(type, new Histogram(3));
    }
  }

  void completed(
      TxType type, boolean measured, long micros, OltpTransactions.Outcome outcome, int retried) {
    effects = effects.plus(outcome.effects());
    if (!measured) {
      return;
    }
    latencies.get(type).recordValue(Math.max(1, micros));
    retries[type.ordinal()] += retried;
    if (!outcome.committed()) {
      rollbacks[type.ordinal()]++;
    }
  }

  void failed(TxType type, boolean measured, int retried) {
    if (measured) {
      retries[type.ordinal()] += retried;
      failures[type.ordinal()]++;
    }
  }
}
