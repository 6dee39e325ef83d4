package lab.shop.gen;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A row of {@code products} with its price list: unitPrice is the last price in {@code prices}.
 * category (V1's top-level name) and categoryId are both null when the product is uncategorised.
 */
public record ProductRow(
    long productId,
    String sku,
    String name,
    String category,
    Integer categoryId,
    int supplierId,
    BigDecimal unitCost,
    List<PriceRow> prices) {

  public ProductRow {
    RowChecks.positive("productId", productId);
    RowChecks.notBlank("sku", sku);
    RowChecks.notBlank("name", name);
    if ((category == null) != (categoryId == null)) {
      throw new IllegalArgumentException("category and categoryId must be null together");
    }
    RowChecks.positive("supplierId", supplierId);
    RowChecks.money("unitCost", unitCost);
    prices = List.copyOf(prices);
    if (prices.isEmpty()) {
      throw new IllegalArgumentException("a product needs at least one price");
    }
  }

  /** The price in force now, at the end of the generated history. */
  public BigDecimal unitPrice() {
    return prices.get(prices.size() - 1).unitPrice();
  }

  /** When the product last changed: its last price change. */
  public OffsetDateTime updatedAt() {
    return prices.get(prices.size() - 1).validFrom();
  }

  /** The price in force at {@code t}. */
  public BigDecimal priceAt(OffsetDateTime t) {
    return PriceRow.inForce(prices, t);
  }
}
