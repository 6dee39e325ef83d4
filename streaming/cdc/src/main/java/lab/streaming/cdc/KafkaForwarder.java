package lab.streaming.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Sends each batch of Debezium change events to Kafka and marks the batch processed only after
 * Kafka acknowledged every event of it, so the stored offsets never run ahead of Kafka.
 *
 * <p>A failed send throws out of {@link #handleBatch}: nothing of the batch is marked, the engine
 * stops with an error, and the next run re-reads the batch from the last stored offsets.
 */
final class KafkaForwarder implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

  private final Producer<String, String> producer;
  private final DeliveryProgress progress;

  KafkaForwarder(Producer<String, String> producer, DeliveryProgress progress) {
    this.producer = producer;
    this.progress = progress;
  }

  @Override
  public void handleBatch(
      List<ChangeEvent<String, String>> events,
      DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
      throws InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
    boolean endsSnapshot = false;
    try {
      for (ChangeEvent<String, String> e : events) {
        // a null value is the tombstone after a delete: forwarded as is, the ETL drops it
        acks.add(producer.send(new ProducerRecord<>(e.destination(), e.key(), e.value())));
        endsSnapshot |= DeliveryProgress.endsSnapshot(e.value());
      }
      producer.flush();
    } catch (InterruptException e) { // Kafka's unchecked twin of InterruptedException
      Thread.interrupted(); // the exception below reports the interrupt instead of the flag
      throw new InterruptedException("interrupted while sending to Kafka");
    }
    for (int i = 0; i < acks.size(); i++) {
      awaitAck(acks.get(i), events.get(i));
    }
    for (ChangeEvent<String, String> e : events) {
      committer.markProcessed(e);
    }
    committer.markBatchFinished();
    progress.delivered(events.size(), endsSnapshot);
  }

  private static void awaitAck(Future<RecordMetadata> ack, ChangeEvent<String, String> event)
      throws InterruptedException {
    try {
      ack.get(); // already complete after flush(); get() surfaces a failed send
    } catch (ExecutionException e) {
      throw new DeliveryException(
          "Kafka did not take the event for topic "
              + event.destination()
              + " with key "
              + event.key()
              + ": "
              + e.getCause(),
          e.getCause());
    }
  }

  /** Kafka refused or lost an event; the batch stays unmarked and will be sent again. */
  static final class DeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
