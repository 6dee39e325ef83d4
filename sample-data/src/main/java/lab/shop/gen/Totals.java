package lab.shop.gen;

import java.time.Duration;

/** The live workload's running counts; one thread owns it. */
final class Totals {

  private long transactions;
  private long newOrders;
  private long orderLines;
  private long statusChanges;
  private long priceChanges;
  private long customerUpdates;

  void add(Outcome outcome) {
    transactions++;
    orderLines += outcome.orderLines();
    switch (outcome.kind()) {
      case NEW_ORDER -> newOrders++;
      case STATUS_CHANGE -> statusChanges++;
      case PRICE_CHANGE -> priceChanges++;
      case CUSTOMER_UPDATE -> customerUpdates++;
      case NOTHING -> {}
    }
  }

  long transactions() {
    return transactions;
  }

  LiveSummary snapshot(long elapsedNanos) {
    return new LiveSummary(
        transactions,
        newOrders,
        orderLines,
        statusChanges,
        priceChanges,
        customerUpdates,
        Duration.ofNanos(elapsedNanos));
  }
}
