package lab.bench.oltp;

import java.util.Objects;

/** A row of {@code stores} as the driver needs it: where stock is taken and in which currency. */
public record Store(int storeId, String kind, String currencyCode) {

  public static final String STORE = "store";
  public static final String WAREHOUSE = "warehouse";

  public Store {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currencyCode, "currencyCode");
    if (!kind.equals(STORE) && !kind.equals(WAREHOUSE)) {
      throw new IllegalArgumentException("kind must be store or warehouse, got " + kind);
    }
  }
}
