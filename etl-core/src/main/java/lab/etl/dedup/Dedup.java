package lab.etl.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Deduplication of change events by their source position.
 *
 * <p>CDC delivers at least once: after a restart the capture re-sends every event since its last
 * offset flush. A change is identified by its table, its row key and its source position (the LSN
 * of the change in PostgreSQL's WAL); two events that agree on all three are the same change
 * delivered twice. After that, only the latest change of each row matters for the star.
 */
public final class Dedup {

  private Dedup() {}

  /**
   * One row counting the batch's good events ({@code delivered}) and the distinct changes among
   * them ({@code distinct_changes}, by table, key, lsn and op); the difference is how many were
   * re-deliveries of a change already in the batch. Only counted: {@link #latestPerKey} is what
   * removes them, without shuffling every payload once more.
   */
  public static Dataset<Row> deliveryCounts(Dataset<Row> events) {
    return events
        .where(col("error").isNull())
        .agg(
            count(lit(1)).as("delivered"),
            countDistinct(col("table"), col("key"), col("lsn"), col("op")).as("distinct_changes"));
  }

  /**
   * Keeps the latest change of each row: the highest LSN, and for equal LSNs (the same change
   * delivered twice, or a snapshot read delivered twice) the latest Kafka offset. Re-deliveries
   * therefore collapse here too; applying only a row's latest change is what makes the load
   * idempotent.
   */
  public static Dataset<Row> latestPerKey(Dataset<Row> changes, String... keyColumns) {
    Column[] keys =
        Arrays.stream(keyColumns).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    return changes
        .withColumn(
            "_rank",
            row_number()
                .over(Window.partitionBy(keys).orderBy(col("lsn").desc(), col("offset").desc())))
        .where(col("_rank").equalTo(1))
        .drop("_rank");
  }
}
