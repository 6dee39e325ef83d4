package lab.etl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import lab.etl.ChangeRecords;
import lab.etl.cdc.ChangeEvents;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class DedupTest {

  private static final String KEY = "{\"order_id\":1}";

  @Test
  void aChangeDeliveredTwiceIsKeptOnce() {
    Dataset<Row> events =
        ChangeEvents.parse(
            new ChangeRecords()
                .insert("orders", 100, KEY, "{\"order_id\":1,\"status\":\"placed\"}")
                .redeliverLast()
                .redeliverLast()
                .toDataset());

    assertThat(distinctChanges(events)).isEqualTo(1);
    assertThat(Dedup.latestPerKey(events, "key").count()).isEqualTo(1);
  }

  @Test
  void distinctChangesOfOneRowAreAllCounted() {
    Dataset<Row> events =
        ChangeEvents.parse(
            new ChangeRecords()
                .insert("orders", 100, KEY, "{\"order_id\":1,\"status\":\"placed\"}")
                .update("orders", 200, KEY, "{\"order_id\":1,\"status\":\"paid\"}")
                .toDataset());

    assertThat(distinctChanges(events)).isEqualTo(2);
  }

  @Test
  void snapshotRowsShareAnLsnButNotAKey() {
    Dataset<Row> events =
        ChangeEvents.parse(
            new ChangeRecords()
                .read("orders", 50, "{\"order_id\":1}", "{\"order_id\":1}")
                .read("orders", 50, "{\"order_id\":2}", "{\"order_id\":2}")
                .toDataset());

    assertThat(distinctChanges(events)).isEqualTo(2);
    assertThat(Dedup.latestPerKey(events, "key").count()).isEqualTo(2);
  }

  @Test
  void theLatestChangePerKeyIsTheOneWithTheHighestLsn() {
    Dataset<Row> events =
        ChangeEvents.parse(
            new ChangeRecords()
                .update("orders", 300, KEY, "{\"order_id\":1,\"status\":\"shipped\"}")
                .insert("orders", 100, KEY, "{\"order_id\":1,\"status\":\"placed\"}")
                .update("orders", 200, KEY, "{\"order_id\":1,\"status\":\"paid\"}")
                .toDataset());

    Row latest = Dedup.latestPerKey(events, "key").collectAsList().get(0);

    assertThat(latest.<Long>getAs("lsn")).isEqualTo(300L);
    assertThat(latest.<String>getAs("after")).contains("shipped");
  }

  private static long distinctChanges(Dataset<Row> events) {
    return Dedup.deliveryCounts(events).first().<Long>getAs("distinct_changes");
  }
}
