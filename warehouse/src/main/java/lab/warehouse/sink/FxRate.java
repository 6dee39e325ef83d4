package lab.warehouse.sink;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One day's rate of a currency from the FX file drop: units of the currency per euro. */
public record FxRate(String currency, LocalDate date, BigDecimal unitsPerEur, String sourceFile) {

  public FxRate {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(sourceFile, "sourceFile");
    if (unitsPerEur == null || unitsPerEur.signum() <= 0) {
      throw new IllegalArgumentException(
          "rate of " + currency + " on " + date + " must be positive, got " + unitsPerEur);
    }
  }
}
