package lab.shop.gen;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The live workload's running counts, shared by its client threads. */
final class Totals {

  private final Map<TransactionKind, LongAdder> byKind = new EnumMap<>(TransactionKind.class);
  private final LongAdder orderLines = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final int connections;

  Totals(int connections) {
    this.connections = connections;
    for (TransactionKind kind : TransactionKind.values()) {
      byKind.put(kind, new LongAdder());
    }
  }

  void add(Outcome outcome) {
    byKind.get(outcome.kind()).increment();
    orderLines.add(outcome.orderLines());
  }

  void retried() {
    retries.increment();
  }

  LiveSummary snapshot(long elapsedNanos) {
    Map<TransactionKind, Long> counts = new EnumMap<>(TransactionKind.class);
    byKind.forEach((kind, n) -> counts.put(kind, n.sum()));
    return new LiveSummary(
        counts, orderLines.sum(), retries.sum(), connections, Duration.ofNanos(elapsedNanos));
  }
}
