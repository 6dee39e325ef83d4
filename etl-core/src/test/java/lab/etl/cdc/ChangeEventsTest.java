package lab.etl.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lab.etl.ChangeRecords;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ChangeEventsTest {

  private static final String ORDER_1 = "{\"order_id\":1}";

  @Test
  void readsTheSourcePositionAndTheRowImages() {
    List<Row> events =
        ChangeEvents.parse(
                new ChangeRecords()
                    .insert("orders", 4242, ORDER_1, "{\"order_id\":1,\"status\":\"placed\"}")
                    .toDataset())
            .collectAsList();

    Row e = events.get(0);
    assertThat(e.<String>getAs("table")).isEqualTo("orders");
    assertThat(e.<String>getAs("op")).isEqualTo("c");
    assertThat(e.<Long>getAs("lsn")).isEqualTo(4242L);
    assertThat(e.<Long>getAs("tx_id")).isEqualTo(700L + 4242);
    assertThat(e.<String, String>getJavaMap(e.fieldIndex("after")))
        .containsEntry("order_id", "1")
        .containsEntry("status", "placed");
    assertThat(e.isNullAt(e.fieldIndex("before"))).isTrue();
    assertThat(e.<String>getAs("error")).isNull();
  }

  @Test
  void dropsTombstones() {
    assertThat(
            ChangeEvents.parse(
                    new ChangeRecords()
                        .delete("orders", 10, ORDER_1)
                        .tombstone("orders", ORDER_1)
                        .toDataset())
                .count())
        .isEqualTo(1);
  }

  @Test
  void marksWhatIsNotAnEnvelopeWithAReason() {
    List<Row> events =
        ChangeEvents.parse(
                new ChangeRecords()
                    .raw("orders", ORDER_1, "{not json")
                    .raw("orders", ORDER_1, "{\"op\":\"x\",\"after\":{},\"source\":{\"lsn\":1}}")
                    .raw(
                        "orders",
                        ORDER_1,
                        "{\"op\":\"c\",\"after\":{\"order_id\":1},\"source\":{}}")
                    .raw("orders", ORDER_1, "{\"op\":\"u\",\"source\":{\"lsn\":5}}")
                    .toDataset())
            .orderBy("offset")
            .collectAsList();

    assertThat(events)
        .extracting(r -> r.<String>getAs("error"))
        .containsExactly(
            "not a Debezium change envelope",
            "unknown op 'x'",
            "missing source.lsn",
            "missing after image");
  }
}
