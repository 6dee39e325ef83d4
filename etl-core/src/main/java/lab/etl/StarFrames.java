package lab.etl;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The result of transforming one batch: the star's rows per table, the records that could not be
 * applied, and the intermediate events (so the driver can count duplicates).
 *
 * @param events every parsed change event of the batch, duplicates included
 * @param uniqueEvents the identity (table, key, lsn, op) of each distinct change, for counting
 *     re-deliveries
 * @param deadLetters topic, partition, offset, error, raw for every rejected record
 */
public record StarFrames(
    Dataset<Row> events,
    Dataset<Row> uniqueEvents,
    Dataset<Row> customers,
    Dataset<Row> products,
    Dataset<Row> orders,
    Dataset<Row> orderLines,
    Dataset<Row> deadLetters) {}
