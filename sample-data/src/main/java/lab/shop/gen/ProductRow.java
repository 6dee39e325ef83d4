package lab.shop.gen;

import java.math.BigDecimal;

/** A row of {@code products} as the generator makes it; {@code updated_at} is the shop's start. */
public record ProductRow(
    long productId, String sku, String name, String category, BigDecimal unitPrice) {

  public ProductRow {
    RowChecks.positive("productId", productId);
    RowChecks.notBlank("sku", sku);
    RowChecks.notBlank("name", name);
    RowChecks.notBlank("category", category);
    RowChecks.money("unitPrice", unitPrice);
  }
}
