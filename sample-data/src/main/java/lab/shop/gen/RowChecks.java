package lab.shop.gen;

import java.math.BigDecimal;
import java.util.Objects;

/** The checks the row records share in their compact constructors. */
final class RowChecks {

  private RowChecks() {}

  static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  static void notBlank(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  static void money(String name, BigDecimal value) {
    Objects.requireNonNull(value, name);
    // NUMERIC(12,2) in the schema: another scale would be rounded silently on the way in.
    if (value.signum() < 0 || value.scale() != 2) {
      throw new IllegalArgumentException(
          name + " must be a non-negative amount with 2 decimals, got " + value.toPlainString());
    }
  }
}
