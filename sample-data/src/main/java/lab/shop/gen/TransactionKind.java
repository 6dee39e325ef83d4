package lab.shop.gen;

import java.util.SplittableRandom;

/** The kinds of OLTP transaction the live workload writes, and how often each is drawn. */
enum TransactionKind {
  NEW_ORDER,
  STATUS_CHANGE,
  PRICE_CHANGE,
  CUSTOMER_UPDATE,
  /** Never drawn: a drawn transaction found nothing to change (its row was deleted meanwhile). */
  NOTHING;

  /** 70% new orders, 20% status changes, 5% price changes, 5% customer updates. */
  static TransactionKind draw(SplittableRandom r) {
    int roll = r.nextInt(100);
    if (roll < 70) {
      return NEW_ORDER;
    } else if (roll < 90) {
      return STATUS_CHANGE;
    } else if (roll < 95) {
      return PRICE_CHANGE;
    }
    return CUSTOMER_UPDATE;
  }
}
