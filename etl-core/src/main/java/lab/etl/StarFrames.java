package lab.etl;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The result of transforming one batch: the star's rows per table, the records that could not be
 * applied, and how many changes arrived more than once within the batch.
 *
 * @param deliveryCounts one row: good events delivered, and distinct changes among them
 * @param deadLetters topic, partition, offset, error, raw for every rejected record
 */
public record StarFrames(
    Dataset<Row> deliveryCounts,
    Dataset<Row> customers,
    Dataset<Row> products,
    Dataset<Row> orders,
    Dataset<Row> orderLines,
    Dataset<Row> deadLetters) {}
