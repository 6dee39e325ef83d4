package lab.warehouse.sink;

/** An order whose history misses an event, as the warehouse detected it. */
public record Gap(long orderId, String kind) {

  /** A status of paid or later without any payment row. */
  public static final String PAID_WITHOUT_PAYMENT = "paid without a payment";

  /** A status of shipped or later without a shipment row. */
  public static final String SHIPPED_WITHOUT_SHIPMENT = "shipped without a shipment";
}
