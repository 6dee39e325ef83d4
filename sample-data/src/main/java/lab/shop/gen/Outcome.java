package lab.shop.gen;

import java.util.Objects;

/** What one committed live transaction did; orderId is the new order's id, or 0. */
record Outcome(TransactionKind kind, int orderLines, long orderId) {

  Outcome {
    Objects.requireNonNull(kind, "kind");
    if (orderLines < 0 || orderId < 0) {
      throw new IllegalArgumentException(
          "orderLines and orderId must be >= 0, got " + orderLines + " and " + orderId);
    }
  }

  static Outcome of(TransactionKind kind) {
    return new Outcome(kind, 0, 0);
  }

  static Outcome newOrder(long orderId, int orderLines) {
    return new Outcome(TransactionKind.NEW_ORDER, orderLines, orderId);
  }
}
