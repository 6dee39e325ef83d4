package lab.shop.gen;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A row of {@code product_prices}: a product's list price from validFrom on, in euros. */
public record PriceRow(long productId, OffsetDateTime validFrom, BigDecimal unitPrice) {

  public PriceRow {
    RowChecks.positive("productId", productId);
    Objects.requireNonNull(validFrom, "validFrom");
    RowChecks.money("unitPrice", unitPrice);
  }
}
