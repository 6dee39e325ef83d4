package lab.bench.oltp;

/** The five transactions of the OLTP mix, modelled on TPC-C's, on the shop schema. */
public enum TxType {
  NEW_ORDER("new order"),
  PAYMENT("payment"),
  ORDER_STATUS("order status"),
  DELIVERY("delivery"),
  STOCK_CHECK("stock check");

  private final String label;

  TxType(String label) {
    this.label = label;
  }

  /** The name in reports: {@code new order}, {@code payment}, ... */
  public String label() {
    return label;
  }

  /** True for the two transactions that only read. */
  public boolean readOnly() {
    return this == ORDER_STATUS || this == STOCK_CHECK;
  }
}
