package lab.shop.gen;

import java.util.List;
import java.util.Optional;

/** One order as it stands at the end of the generated history, with every row it owns. */
public record OrderHistory(
    OrderRow order,
    List<OrderLineRow> lines,
    Optional<PaymentRow> payment,
    Optional<ShipmentRow> shipment,
    List<ReturnRow> returns) {

  public OrderHistory {
    lines = List.copyOf(lines);
    returns = List.copyOf(returns);
  }
}
