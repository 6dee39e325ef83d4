package lab.streaming.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryProgressTest {

  private static String envelope(String after, String snapshot) {
    return "{\"before\":null,\"after\":"
        + after
        + ",\"source\":{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\","
        + "\"snapshot\":\""
        + snapshot
        + "\",\"table\":\"orders\",\"lsn\":48590312},\"op\":\"r\",\"ts_ms\":1}";
  }

  @Test
  void recognisesTheLastEventOfTheSnapshot() {
    assertThat(DeliveryProgress.endsSnapshot(envelope("{\"order_id\":1}", "last"))).isTrue();
  }

  @Test
  void otherSnapshotAndStreamingEventsDoNotEndIt() {
    assertThat(DeliveryProgress.endsSnapshot(envelope("{\"order_id\":1}", "true"))).isFalse();
    assertThat(DeliveryProgress.endsSnapshot(envelope("{\"order_id\":1}", "first"))).isFalse();
    assertThat(DeliveryProgress.endsSnapshot(envelope("{}", "last_in_data_collection"))).isFalse();
    assertThat(DeliveryProgress.endsSnapshot(envelope("{\"order_id\":1}", "false"))).isFalse();
  }

  @Test
  void aColumnNamedSnapshotInTheRowImageIsNotMistakenForTheMarker() {
    String row = "{\"order_id\":1,\"snapshot\":\"last\"}";

    assertThat(DeliveryProgress.endsSnapshot(envelope(row, "false"))).isFalse();
  }

  @Test
  void tombstonesAndForeignJsonDoNotEndIt() {
    assertThat(DeliveryProgress.endsSnapshot(null)).isFalse();
    assertThat(DeliveryProgress.endsSnapshot("{\"snapshot\":\"last\"}")).isFalse();
  }

  @Test
  void computesTheRatePerSecond() {
    assertThat(DeliveryProgress.perSecond(50_000, 5_000_000_000L)).isEqualTo(10_000);
    assertThat(DeliveryProgress.perSecond(3, 2_000_000_000L)).isEqualTo(1);
    assertThat(DeliveryProgress.perSecond(10, 0)).isZero();
  }
}
