package lab.warehouse.sink;

import java.util.List;
import java.util.Objects;

/**
 * One micro-batch, already parsed, deduplicated and reduced to one change per key, ready to be
 * applied to the star in a single transaction.
 *
 * @param pipelineId identifies the streaming query (its checkpoint); batch ids restart with it
 * @param events Kafka records in the batch, tombstones and dead letters included
 * @param duplicates records dropped because the same source position was delivered again
 */
public record StarBatch(
    String pipelineId,
    long batchId,
    long events,
    long duplicates,
    List<SourceOffset> offsets,
    List<CustomerChange> customers,
    List<ProductChange> products,
    List<OrderChange> orders,
    List<OrderLineChange> orderLines,
    List<DeadLetter> deadLetters) {

  public StarBatch {
    Objects.requireNonNull(pipelineId, "pipelineId");
    if (batchId < 0) {
      throw new IllegalArgumentException("batchId must be >= 0, got " + batchId);
    }
    offsets = List.copyOf(offsets);
    customers = List.copyOf(customers);
    products = List.copyOf(products);
    orders = List.copyOf(orders);
    orderLines = List.copyOf(orderLines);
    deadLetters = List.copyOf(deadLetters);
  }
}
