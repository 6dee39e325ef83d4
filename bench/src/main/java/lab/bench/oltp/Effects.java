package lab.bench.oltp;

/**
 * What committed transactions changed in the shop: new orders with their lines and units (the stock
 * taken), payments captured (each setting one order to paid), and orders shipped.
 */
public record Effects(long newOrders, long orderLines, long units, long payments, long shipments) {

  public static final Effects NONE = new Effects(0, 0, 0, 0, 0);

  public Effects {
    if (newOrders < 0 || orderLines < 0 || units < 0 || payments < 0 || shipments < 0) {
      throw new IllegalArgumentException("effects are counts and cannot be negative");
    }
  }

  public Effects plus(Effects o) {
    return new Effects(
        newOrders + o.newOrders,
        orderLines + o.orderLines,
        units + o.units,
        payments + o.payments,
        shipments + o.shipments);
  }
}
