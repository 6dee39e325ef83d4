package lab.exercise.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lab.exercise.CourseException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The running lab's change topics, copied as they stand: every record of every topic whose name
 * starts with the capture's prefix, from the beginning to the end offsets read when the copy
 * starts, written as the course's change log is ({@code topic}, {@code partition}, {@code offset},
 * {@code key}, {@code value}; a tombstone's value null). Lab 1's answers then run on the real
 * capture as they run on the course's.
 */
public final class LiveTopics {

  /** How long the broker has to answer, and the copy to reach the end offsets. */
  private static final Duration ANSWER = Duration.ofSeconds(10);

  private static final Duration COPY = Duration.ofMinutes(2);

  private LiveTopics() {}

  /** What a copy read: how many records, of how many topics. */
  public record Copied(long records, int topics) {}

  /**
   * Copies the topics named {@code prefix*} from the broker at {@code bootstrap} to {@code out}.
   */
  public static Copied copy(String bootstrap, String prefix, Path out) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5_000,
            ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) ANSWER.toMillis(),
            ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) ANSWER.toMillis());
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      List<TopicPartition> partitions;
      try {
        partitions =
            consumer.listTopics().entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .flatMap(e -> e.getValue().stream())
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
      } catch (KafkaException e) {
        throw new CourseException(
            "cannot reach the lab's Kafka at "
                + bootstrap
                + " within "
                + ANSWER.toSeconds()
                + " s ("
                + e.getMessage()
                + "); start the lab first: ./lab up, then ./lab pipeline start");
      }
      if (partitions.isEmpty()) {
        throw new CourseException(
            "Kafka at "
                + bootstrap
                + " has no topic "
                + prefix
                + "* yet; start the capture: ./lab pipeline start (or ./lab demo --keep)");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + COPY.toNanos();
      long records = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new CourseException(
              "copied "
                  + records
                  + " records in "
                  + COPY.toMinutes()
                  + " minutes and the topics are not read to their end; is Kafka at "
                  + bootstrap
                  + " overloaded?");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
            continue; // written after the copy began: the next copy has it
          }
          ObjectNode line = json.createObjectNode();
          line.put("topic", r.topic());
          line.put("partition", r.partition());
          line.put("offset", r.offset());
          line.put("key", r.key());
          line.put("value", r.value());
          w.write(line.toString());
          w.write('\n');
          records++;
        }
      }
      return new Copied(
          records, (int) partitions.stream().map(TopicPartition::topic).distinct().count());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }
}
