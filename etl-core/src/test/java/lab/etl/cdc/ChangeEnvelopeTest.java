package lab.etl.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChangeEnvelopeTest {

  @Test
  void writesTheFieldsTheParserReads() {
    String json =
        new ChangeEnvelope("u", "orders", null, "{\"order_id\":7}", 42, 700, 1_000, 1_005).json();

    assertThat(json)
        .isEqualTo(
            "{\"before\":null,\"after\":{\"order_id\":7},\"source\":{\"lsn\":42,\"txId\":700,"
                + "\"ts_ms\":1000,\"table\":\"orders\"},\"op\":\"u\",\"ts_ms\":1005}");
  }

  @Test
  void refusesWhatDebeziumWouldNeverWrite() {
    assertThatThrownBy(() -> new ChangeEnvelope("x", "orders", null, null, 1, 1, 1, 1))
        .hasMessageContaining("op must be one of c, u, d, r");
    assertThatThrownBy(() -> new ChangeEnvelope("c", "Order Items", null, "{}", 1, 1, 1, 1))
        .hasMessageContaining("unquoted identifier");
    assertThatThrownBy(() -> new ChangeEnvelope("c", "orders", null, "[1]", 1, 1, 1, 1))
        .hasMessageContaining("after must be a JSON object");
  }
}
