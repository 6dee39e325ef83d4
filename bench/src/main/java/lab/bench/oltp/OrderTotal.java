package lab.bench.oltp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** What an order costs: the sum of its lines, each rounded to cents after its discount. */
final class OrderTotal {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private OrderTotal() {}

  /** One line as stored in {@code order_items}. */
  record Line(int quantity, BigDecimal unitPrice, int discountPct) {}

  /**
   * Computed in Java with BigDecimal rather than in SQL, because the two engines type decimal
   * division differently (DuckDB turns it into a double); the amount must be exact on both.
   */
  static BigDecimal of(List<Line> lines) {
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (Line line : lines) {
      BigDecimal gross = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
      BigDecimal net =
          gross
              .multiply(HUNDRED.subtract(BigDecimal.valueOf(line.discountPct())))
              .divide(HUNDRED, 2, RoundingMode.HALF_UP);
      total = total.add(net);
    }
    return total;
  }
}
