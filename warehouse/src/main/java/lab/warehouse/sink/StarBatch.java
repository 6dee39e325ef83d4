package lab.warehouse.sink;

import java.util.List;
import java.util.Objects;

/**
 * One micro-batch, parsed and conformed by Spark, ready to be applied to the warehouse in a single
 * transaction. Re-delivered and stale changes are still in it: the warehouse recognises them by
 * source position.
 *
 * @param pipelineId identifies the streaming query (its checkpoint); batch ids restart with it
 * @param events Kafka records in the batch, tombstones and dead letters included
 * @param fxRates the FX file drop's rates when it changed since the last batch, else empty
 */
public record StarBatch(
    String pipelineId,
    long batchId,
    long events,
    List<SourceOffset> offsets,
    List<ChangeRow> changes,
    List<DeadLetter> deadLetters,
    List<FxRate> fxRates) {

  public StarBatch {
    Objects.requireNonNull(pipelineId, "pipelineId");
    if (batchId < 0) {
      throw new IllegalArgumentException("batchId must be >= 0, got " + batchId);
    }
    offsets = List.copyOf(offsets);
    changes = List.copyOf(changes);
    deadLetters = List.copyOf(deadLetters);
    fxRates = List.copyOf(fxRates);
  }
}
