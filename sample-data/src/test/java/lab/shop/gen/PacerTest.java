package lab.shop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PacerTest {

  private static final long MILLI = 1_000_000L;
  private static final long SECOND = 1_000 * MILLI;

  @Test
  void theFirstIsDueAtOnceAndTheNextOneIntervalLater() {
    Pacer pacer = new Pacer(100, SECOND);

    assertThat(pacer.nanosUntilDue(0)).isZero();
    pacer.sent();
    assertThat(pacer.nanosUntilDue(0)).isEqualTo(10 * MILLI);
    assertThat(pacer.nanosUntilDue(4 * MILLI)).isEqualTo(6 * MILLI);
    assertThat(pacer.nanosUntilDue(10 * MILLI)).isZero();
  }

  @Test
  void timeSpentInsideTransactionsIsNotAddedToTheSchedule() {
    Pacer pacer = new Pacer(100, SECOND);
    for (int i = 0; i < 100; i++) {
      // Each send finishes 3 ms after it was due, yet the 101st is still due at one second.
      assertThat(pacer.nanosUntilDue(i * 10 * MILLI + 3 * MILLI)).isZero();
      pacer.sent();
    }

    assertThat(pacer.nanosUntilDue(990 * MILLI)).isEqualTo(10 * MILLI);
  }

  @Test
  void aShortStallIsCaughtUpWithoutWaiting() {
    Pacer pacer = new Pacer(10, SECOND);
    pacer.sent();

    // Due at 100 ms; at 500 ms four are owed, and all are due at once.
    for (int i = 0; i < 4; i++) {
      assertThat(pacer.nanosUntilDue(500 * MILLI)).isZero();
      pacer.sent();
    }
    assertThat(pacer.nanosUntilDue(500 * MILLI)).isZero();
    pacer.sent();
    assertThat(pacer.nanosUntilDue(500 * MILLI)).isEqualTo(100 * MILLI);
  }

  @Test
  void aLongStallIsForgivenBeyondTheBacklogLimit() {
    Pacer pacer = new Pacer(10, SECOND);
    pacer.sent();

    // Sixty seconds late: one second's worth (10) plus the one due now, not six hundred.
    int owed = 0;
    while (pacer.nanosUntilDue(60 * SECOND) == 0) {
      pacer.sent();
      owed++;
    }
    assertThat(owed).isEqualTo(11);
  }

  @Test
  void rejectsARateThatIsNotAPositiveNumber() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Pacer(0, SECOND));
    assertThatIllegalArgumentException().isThrownBy(() -> new Pacer(Double.NaN, SECOND));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Pacer(Double.POSITIVE_INFINITY, SECOND));
  }
}
