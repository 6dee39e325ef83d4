package lab.exercise.data;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bad records a real pipeline meets and must quarantine, added to the course's clean capture
 * when it is delivered to the Spark job (never to the change log, which stays what the capture
 * emits): a value cut short, a topic of a table the pipeline has no schema for, and a row whose
 * column does not read as its type. Each follows its topic's last record, as it would arrive. What
 * the transform makes of them is the reference's, not written down here.
 */
public final class DeliveryFaults {

  private DeliveryFaults() {}

  /** The faults that follow {@code records} (the course's capture), with their offsets. */
  public static List<SnapshotCapture.Record> after(List<SnapshotCapture.Record> records) {
    Map<String, Long> next = new TreeMap<>();
    for (SnapshotCapture.Record r : records) {
      next.merge(r.topic(), r.offset() + 1, Math::max);
    }
    String orders = "shop.public.orders";
    long order = next.getOrDefault(orders, 0L);
    String source = "\"source\":{\"lsn\":1000,\"txId\":1,\"ts_ms\":1782864000000,\"table\":";
    return List.of(
        // a value cut short: a broker or a proxy that truncated the message
        new SnapshotCapture.Record(
            orders, order, "{\"order_id\":900001}", "{\"before\":null,\"after\":{\"order_id\":"),
        // a row whose timestamp someone typed by hand
        new SnapshotCapture.Record(
            orders,
            order + 1,
            "{\"order_id\":900002}",
            "{\"before\":null,\"after\":{\"order_id\":900002,\"customer_id\":1,"
                + "\"status\":\"paid\",\"ordered_at\":\"yesterday\","
                + "\"updated_at\":\"2024-07-05T19:02:53.716000Z\",\"channel_id\":1,"
                + "\"store_id\":null,\"currency_code\":\"EUR\",\"loyalty_card\":null},"
                + source
                + "\"orders\"},\"op\":\"r\",\"ts_ms\":1782864000000}"),
        // a table added to the shop's publication before the pipeline knows it
        new SnapshotCapture.Record(
            "shop.public.gift_cards",
            0,
            "{\"card_id\":1}",
            "{\"before\":null,\"after\":{\"card_id\":1,\"balance\":\"25.00\"},"
                + source
                + "\"gift_cards\"},\"op\":\"r\",\"ts_ms\":1782864000000}"));
  }
}
