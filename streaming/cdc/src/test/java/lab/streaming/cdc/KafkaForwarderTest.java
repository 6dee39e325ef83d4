package lab.streaming.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery contract: offsets are marked only for events that Kafka acknowledged. */
class KafkaForwarderTest {

  private static final Event ORDER_PLACED =
      new Event(
          "shop.public.orders",
          "{\"order_id\":1}",
          "{\"before\":null,\"after\":{\"order_id\":1},\"source\":{\"snapshot\":\"false\"},"
              + "\"op\":\"c\"}");
  private static final Event ITEM_DELETED =
      new Event(
          "shop.public.order_items",
          "{\"order_id\":1,\"line_no\":2}",
          "{\"before\":{\"order_id\":1,\"line_no\":2},\"after\":null,"
              + "\"source\":{\"snapshot\":\"false\"},\"op\":\"d\"}");
  private static final Event ITEM_TOMBSTONE =
      new Event("shop.public.order_items", "{\"order_id\":1,\"line_no\":2}", null);

  private final DeliveryProgress progress = DeliveryProgress.start();
  private final RecordingCommitter committer = new RecordingCommitter();

  @AfterEach
  void stopProgress() {
    progress.close();
  }

  @Test
  void sendsEveryEventToItsTopicWithItsKeyAndValueThenMarksTheBatch() throws Exception {
    MockProducer<String, String> kafka = acknowledgingKafka();

    forwarder(kafka).handleBatch(List.of(ORDER_PLACED, ITEM_DELETED), committer);

    assertThat(kafka.history())
        .extracting(ProducerRecord::topic, ProducerRecord::key, ProducerRecord::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ORDER_PLACED.destination(), ORDER_PLACED.key(), ORDER_PLACED.value()),
            org.assertj.core.groups.Tuple.tuple(
                ITEM_DELETED.destination(), ITEM_DELETED.key(), ITEM_DELETED.value()));
    assertThat(committer.marked).containsExactly(ORDER_PLACED, ITEM_DELETED);
    assertThat(committer.batchesFinished).isEqualTo(1);
    assertThat(progress.total()).isEqualTo(2);
  }

  @Test
  void forwardsTheTombstoneAfterADeleteAsANullValue() throws Exception {
    MockProducer<String, String> kafka = acknowledgingKafka();

    forwarder(kafka).handleBatch(List.of(ITEM_DELETED, ITEM_TOMBSTONE), committer);

    assertThat(kafka.history().get(1).key()).isEqualTo(ITEM_TOMBSTONE.key());
    assertThat(kafka.history().get(1).value()).isNull();
    assertThat(committer.marked).containsExactly(ITEM_DELETED, ITEM_TOMBSTONE);
  }

  @Test
  void marksNothingWhenKafkaRefusesAnEventOfTheBatch() {
    MockProducer<String, String> kafka = kafkaRefusingTheFirstSend();

    assertThatThrownBy(
            () -> forwarder(kafka).handleBatch(List.of(ORDER_PLACED, ITEM_DELETED), committer))
        .isInstanceOf(KafkaForwarder.DeliveryException.class)
        .hasMessageContaining("shop.public.orders")
        .hasRootCauseInstanceOf(NotEnoughReplicasException.class);
    assertThat(committer.marked).isEmpty();
    assertThat(committer.batchesFinished).isZero();
    assertThat(progress.total()).isZero();
  }

  @Test
  void marksNothingWhenSendingFailsOutright() {
    MockProducer<String, String> kafka = acknowledgingKafka();
    kafka.sendException = new IllegalStateException("producer closed");

    assertThatThrownBy(() -> forwarder(kafka).handleBatch(List.of(ORDER_PLACED), committer))
        .hasMessageContaining("producer closed");
    assertThat(committer.marked).isEmpty();
    assertThat(committer.batchesFinished).isZero();
  }

  private KafkaForwarder forwarder(MockProducer<String, String> kafka) {
    return new KafkaForwarder(kafka, progress);
  }

  private static MockProducer<String, String> acknowledgingKafka() {
    return new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
  }

  /** A broker that answers the first send of a flush with an error and acknowledges the rest. */
  private static MockProducer<String, String> kafkaRefusingTheFirstSend() {
    return new MockProducer<>(false, null, new StringSerializer(), new StringSerializer()) {
      @Override
      public synchronized void flush() {
        errorNext(new NotEnoughReplicasException("only 0 in-sync replicas"));
        super.flush();
      }
    };
  }

  private record Event(String destination, String key, String value)
      implements ChangeEvent<String, String> {
    @Override
    public Integer partition() {
      return null;
    }
  }

  private static final class RecordingCommitter
      implements DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> {
    final List<ChangeEvent<String, String>> marked = new ArrayList<>();
    int batchesFinished;

    @Override
    public void markProcessed(ChangeEvent<String, String> record) {
      marked.add(record);
    }

    @Override
    public void markBatchFinished() {
      batchesFinished++;
    }

    @Override
    public void markProcessed(
        ChangeEvent<String, String> record, DebeziumEngine.Offsets sourceOffsets) {
      marked.add(record);
    }

    @Override
    public DebeziumEngine.Offsets buildOffsets() {
      throw new UnsupportedOperationException("not used by the forwarder");
    }
  }
}
