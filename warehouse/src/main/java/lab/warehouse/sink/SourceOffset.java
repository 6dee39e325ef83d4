package lab.warehouse.sink;

/** The highest Kafka offset of one topic partition contained in a batch. */
public record SourceOffset(String topic, int partition, long offset) {}
