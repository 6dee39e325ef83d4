package lab.shop.gen;

import java.util.SplittableRandom;

/**
 * The business actions the live workload writes, each one ACID transaction, with how often each is
 * drawn (per mille). Together they move orders through their lifecycle and keep the customer base
 * and catalogue changing, which is what change capture has to carry.
 */
public enum TransactionKind {
  NEW_ORDER(550, "new orders"),
  PAYMENT(120, "payments"),
  SHIPMENT(100, "shipments"),
  DELIVERY(80, "deliveries"),
  CANCELLATION(15, "cancellations"),
  RETURN(15, "returns"),
  PRICE_CHANGE(30, "price changes"),
  CUSTOMER_MOVE(20, "moves"),
  CUSTOMER_UPDATE(20, "customer updates"),
  SIGNUP(20, "sign-ups"),
  ERASURE(2, "erasures"),
  CRM_IMPORT(10, "CRM imports"),
  RESTOCK(18, "restocks"),
  /** Never drawn: a new order refused for want of stock, rolled back whole. */
  OUT_OF_STOCK(0, "refused: out of stock"),
  /** Never drawn: a drawn action found nothing to act on (no order in that state nearby). */
  NOTHING(0, "found nothing to do");

  private final int perMille;
  private final String label;

  TransactionKind(int perMille, String label) {
    this.perMille = perMille;
    this.label = label;
  }

  /** How the console names a count of these, e.g. "price changes". */
  public String label() {
    return label;
  }

  static TransactionKind draw(SplittableRandom r) {
    int roll = r.nextInt(1000);
    for (TransactionKind kind : values()) {
      if (roll < kind.perMille) {
        return kind;
      }
      roll -= kind.perMille;
    }
    throw new IllegalStateException("weights do not add up to 1000");
  }

  static int totalPerMille() {
    int sum = 0;
    for (TransactionKind kind : values()) {
      sum += kind.perMille;
    }
    return sum;
  }
}
