package lab.shop.gen;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** A row of {@code product_prices}: a product's list price from validFrom on, in euros. */
public record PriceRow(long productId, OffsetDateTime validFrom, BigDecimal unitPrice) {

  public PriceRow {
    RowChecks.positive("productId", productId);
    Objects.requireNonNull(validFrom, "validFrom");
    RowChecks.money("unitPrice", unitPrice);
  }

  /**
   * The price in force at {@code t} in a price list sorted by validFrom: the launch price before.
   */
  public static BigDecimal inForce(List<PriceRow> prices, OffsetDateTime t) {
    Objects.requireNonNull(t, "t");
    BigDecimal price = prices.get(0).unitPrice();
    for (PriceRow p : prices) {
      if (p.validFrom().isAfter(t)) {
        break;
      }
      price = p.unitPrice();
    }
    return price;
  }
}
