package lab.streaming.spark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the streaming ETL driver, validated at start.
 *
 * @param warehouse the DuckDB file the driver owns (writes) while it runs
 * @param snapshot where it publishes read-only copies for other tools
 * @param checkpoint Spark's checkpoint directory (source offsets, batch ids)
 * @param fxDir the FX rate file drop, or null for none
 * @param stagingDir where batches are staged as Parquet files for the warehouse to bulk-load, or
 *     null to collect each batch to the driver
 */
public record EtlSettings(
    String kafkaBootstrap,
    String topicPattern,
    Path warehouse,
    Path snapshot,
    Path checkpoint,
    Duration trigger,
    long maxOffsetsPerTrigger,
    Duration snapshotEvery,
    Path fxDir,
    Path stagingDir) {

  public EtlSettings {
    Objects.requireNonNull(warehouse, "--warehouse is required");
    Objects.requireNonNull(snapshot, "--snapshot is required");
    Objects.requireNonNull(checkpoint, "--checkpoint is required");
    if (kafkaBootstrap == null || !kafkaBootstrap.matches("[^:,\\s]+:\\d+(,[^:,\\s]+:\\d+)*")) {
      throw new IllegalArgumentException(
          "--kafka-bootstrap must be host:port[,host:port...], got '" + kafkaBootstrap + "'");
    }
    if (trigger.isNegative() || trigger.isZero()) {
      throw new IllegalArgumentException("--trigger-ms must be > 0, got " + trigger.toMillis());
    }
    if (maxOffsetsPerTrigger < 1) {
      throw new IllegalArgumentException(
          "--max-offsets-per-trigger must be >= 1, got " + maxOffsetsPerTrigger);
    }
    if (snapshotEvery.isNegative() || snapshotEvery.isZero()) {
      throw new IllegalArgumentException(
          "--snapshot-every-ms must be > 0, got " + snapshotEvery.toMillis());
    }
  }
}
