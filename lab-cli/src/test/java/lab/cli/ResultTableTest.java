package lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import lab.cli.ResultTable.Column;
import org.junit.jupiter.api.Test;

/** The query result table: alignment, NULLs, cut values, the more-rows and timing lines. */
class ResultTableTest {

  private static final Column ORDER_ID = new Column("order_id", true);
  private static final Column STATUS = new Column("status", false);
  private static final Column TOTAL = new Column("total", true);
  private static final Duration TWELVE_MS = Duration.ofNanos(12_400_000);

  @Test
  void numbersLineUpOnTheRightTextOnTheLeftAndNullIsSpelledOut() {
    ResultTable table =
        new ResultTable(
            List.of(ORDER_ID, STATUS, TOTAL),
            List.of(
                row(1, "placed", new BigDecimal("19.90")),
                row(1042, "shipped", null),
                row(7, null, new BigDecimal("5.00"))),
            3,
            TWELVE_MS);

    assertThat(table.lines())
        .containsExactly(
            "order_id | status  | total",
            "---------+---------+------",
            "       1 | placed  | 19.90",
            "    1042 | shipped |  NULL",
            "       7 | NULL    |  5.00",
            "3 rows in 12.4 ms");
  }

  @Test
  void aLongValueIsCutTo40CharactersEndingInAnEllipsis() {
    String email = "a.very.long.customer.address.indeed@example.org"; // 47 characters
    ResultTable table =
        new ResultTable(List.of(new Column("email", false)), List.of(row(email)), 1, TWELVE_MS);

    List<String> lines = table.lines();

    assertThat(lines.get(2)).hasSize(40).isEqualTo(email.substring(0, 39) + "…");
    assertThat(lines.get(1)).isEqualTo("-".repeat(40));
    assertThat(lines.get(3)).isEqualTo("1 row in 12.4 ms");
  }

  @Test
  void aLineBreakInsideAValueDoesNotBreakTheRow() {
    ResultTable table = new ResultTable(List.of(STATUS), List.of(row("two\nlines")), 1, TWELVE_MS);

    assertThat(table.lines()).contains("two lines");
  }

  @Test
  void rowsBeyondTheShownOnesAreCountedBelowTheTable() {
    ResultTable table =
        new ResultTable(List.of(ORDER_ID), List.of(row(1), row(2)), 9, Duration.ofMillis(3));

    assertThat(table.lines())
        .containsExactly(
            "order_id",
            "--------",
            "       1",
            "       2",
            "... 7 more rows not shown",
            "9 rows in 3.0 ms");
  }

  @Test
  void anEmptyResultKeepsItsHeader() {
    ResultTable table = new ResultTable(List.of(STATUS), List.of(), 0, Duration.ZERO);

    assertThat(table.lines()).containsExactly("status", "------", "0 rows in 0.0 ms");
  }

  @Test
  void fewerRowsInTotalThanShownIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ResultTable(List.of(ORDER_ID), List.of(row(1)), 0, Duration.ZERO));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
