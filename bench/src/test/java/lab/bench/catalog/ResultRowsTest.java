package lab.bench.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultRowsTest {

  @Test
  void numbersOfEitherEngineNormalizeToTheSameText() {
    assertThat(ResultRows.normalize(new BigDecimal("1.50"))).isEqualTo("1.5");
    assertThat(ResultRows.normalize(new BigDecimal("0.00"))).isEqualTo("0");
    assertThat(ResultRows.normalize(new BigDecimal("1200.00"))).isEqualTo("1200");
    assertThat(ResultRows.normalize(BigInteger.valueOf(42))).isEqualTo("42");
    assertThat(ResultRows.normalize(42L)).isEqualTo("42");
    assertThat(ResultRows.normalize((short) 42)).isEqualTo("42");
    assertThat(ResultRows.normalize("EUR ")).isEqualTo("EUR");
    assertThat(ResultRows.normalize(null)).isEqualTo("NULL");
  }

  @Test
  void theChecksumIgnoresRowOrderButNotValues() {
    ResultRows a =
        new ResultRows(List.of("c", "n"), List.of(List.of("EUR", "1"), List.of("USD", "2")));
    ResultRows b =
        new ResultRows(List.of("c", "n"), List.of(List.of("USD", "2"), List.of("EUR", "1")));
    ResultRows c =
        new ResultRows(List.of("c", "n"), List.of(List.of("USD", "3"), List.of("EUR", "1")));

    assertThat(a.checksum()).isEqualTo(b.checksum()).hasSize(16);
    assertThat(a.checksum()).isNotEqualTo(c.checksum());
  }
}
