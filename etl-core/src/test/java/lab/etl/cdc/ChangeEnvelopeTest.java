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
  void writesEveryFieldOfTheCapturesEnvelopeForTheCourse() {
    String json =
        new ChangeEnvelope("d", "orders", "{\"order_id\":7}", null, 42, 700, 1_000, 1_005)
            .debeziumJson("shop", "shop", "false", 34L);

    assertThat(json)
        .isEqualTo(
            "{\"before\":{\"order_id\":7},\"after\":null,\"source\":{\"version\":\""
                + ChangeEnvelope.DEBEZIUM_VERSION
                + "\",\"connector\":\"postgresql\",\"name\":\"shop\",\"ts_ms\":1000,"
                + "\"snapshot\":\"false\",\"db\":\"shop\",\"sequence\":\"[\\\"34\\\",\\\"42\\\"]\","
                + "\"ts_us\":1000000,\"ts_ns\":1000000000,\"schema\":\"public\","
                + "\"table\":\"orders\",\"txId\":700,\"lsn\":42,\"xmin\":null,\"origin\":null,"
                + "\"origin_lsn\":null},\"transaction\":null,\"op\":\"d\",\"ts_ms\":1005,"
                + "\"ts_us\":1005000,\"ts_ns\":1005000000}");
    assertThat(
            new ChangeEnvelope("r", "orders", null, "{}", 42, 1, 1, 1)
                .debeziumJson("shop", "shop", "first", null))
        .contains("\"snapshot\":\"first\"", "\"sequence\":\"[null,\\\"42\\\"]\"");
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
