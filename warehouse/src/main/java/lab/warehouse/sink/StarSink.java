package lab.warehouse.sink;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import lab.warehouse.schema.StarSchema;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies micro-batches to the DuckDB star, exactly once: each batch is one transaction that checks
 * the ledger, stages the rows with DuckDB's Appender, upserts them guarded by source position, and
 * writes the ledger and the Kafka offsets before it commits.
 *
 * <p>DuckDB lets one process open the file for writing and locks out every other reader, so the
 * sink also publishes a read-only copy ({@link #publishSnapshot}) for the lab's other tools.
 */
public final class StarSink implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StarSink.class);

  private final Path file;
  private final DuckDBConnection connection;

  private StarSink(Path file, DuckDBConnection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (creating if needed) the warehouse file and its schema. */
  public static StarSink open(Path file) throws SQLException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new SQLException("cannot create the warehouse directory for " + file, e);
    }
    DuckDBConnection connection =
        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    try {
      StarSchema.create(connection);
      createStagingTables(connection);
      connection.setAutoCommit(false);
      return new StarSink(file, connection);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Applies one batch in one transaction; a batch already in the ledger changes nothing. */
  public synchronized BatchResult apply(StarBatch batch) throws SQLException {
    try {
      if (alreadyApplied(batch)) {
        connection.rollback();
        log.info(
            "batch {}/{} is in the ledger already; skipped", batch.pipelineId(), batch.batchId());
        return BatchResult.skipped();
      }
      clearStaging();
      long staged = stage(batch);
      long stale = countStale();
      try (Statement s = connection.createStatement()) {
        for (String sql : MERGE_STATEMENTS) {
          long t0 = System.nanoTime();
          s.execute(sql);
          log.debug(
              "{} ms: {}",
              (System.nanoTime() - t0) / 1_000_000,
              sql.strip().lines().findFirst().orElse(""));
        }
      }
      writeDeadLetters(batch.deadLetters());
      writeLedger(batch, stale);
      connection.commit();
      return new BatchResult(false, staged, stale, batch.deadLetters().size());
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  /**
   * Writes a consistent read-only copy of the warehouse: checkpoint (so the file holds every
   * committed batch and the WAL is empty), copy beside the target, then rename over it atomically
   * so a reader never sees a half-written file.
   */
  public synchronized void publishSnapshot(Path target) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT");
    }
    connection.commit();
    try {
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SQLException("cannot publish the warehouse snapshot to " + target, e);
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }

  private boolean alreadyApplied(StarBatch batch) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT 1 FROM etl_batch_ledger WHERE pipeline_id = ? AND batch_id = ?")) {
      ps.setString(1, batch.pipelineId());
      ps.setLong(2, batch.batchId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void createStagingTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE stage_customer AS SELECT * FROM dim_customer LIMIT 0");
      s.execute("CREATE TEMP TABLE stage_product AS SELECT * FROM dim_product LIMIT 0");
      s.execute("CREATE TEMP TABLE stage_order AS SELECT * FROM stg_order LIMIT 0");
      s.execute(
          "CREATE TEMP TABLE stage_order_line AS SELECT order_id, line_no, product_id, quantity,"
              + " unit_price, amount, source_lsn, is_deleted FROM fact_order_line LIMIT 0");
    }
  }

  private void clearStaging() throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String t :
          List.of("stage_customer", "stage_product", "stage_order", "stage_order_line")) {
        s.execute("DELETE FROM " + t);
      }
    }
  }

  private long stage(StarBatch batch) throws SQLException {
    try (DuckDBAppender a = connection.createAppender("temp", "main", "stage_customer")) {
      for (CustomerChange c : batch.customers()) {
        a.beginRow().append(c.customerId()).append(c.email()).append(c.fullName());
        a.append(c.country());
        timestamp(a, c.createdAt()).append(c.sourceLsn()).append(c.deleted());
        a.append(c.emailStd()).append(c.phoneE164()).append(c.contactStandardized()).endRow();
      }
    }
    try (DuckDBAppender a = connection.createAppender("temp", "main", "stage_product")) {
      for (ProductChange p : batch.products()) {
        a.beginRow().append(p.productId()).append(p.sku()).append(p.name()).append(p.category());
        decimal(a, p.unitPrice()).append(p.sourceLsn()).append(p.deleted()).endRow();
      }
    }
    try (DuckDBAppender a = connection.createAppender("temp", "main", "stage_order")) {
      for (OrderChange o : batch.orders()) {
        a.beginRow().append(o.orderId()).append(o.customerId()).append(o.status());
        timestamp(a, o.orderedAt()).append(o.dateKey()).append(o.sourceLsn());
        a.append(o.deleted()).endRow();
      }
    }
    try (DuckDBAppender a = connection.createAppender("temp", "main", "stage_order_line")) {
      for (OrderLineChange l : batch.orderLines()) {
        a.beginRow().append(l.orderId()).append(l.lineNo()).append(l.productId());
        a.append(l.quantity());
        decimal(decimal(a, l.unitPrice()), l.amount()).append(l.sourceLsn());
        a.append(l.deleted()).endRow();
      }
    }
    return (long) batch.customers().size()
        + batch.products().size()
        + batch.orders().size()
        + batch.orderLines().size();
  }

  /** Staged changes that the LSN guard will ignore, counted before the merge applies them. */
  private long countStale() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(STALE)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static final String STALE =
      """
      SELECT (SELECT count(*) FROM stage_customer s JOIN dim_customer t USING (customer_id)
              WHERE s.source_lsn <= t.source_lsn)
           + (SELECT count(*) FROM stage_product s JOIN dim_product t USING (product_id)
              WHERE s.source_lsn <= t.source_lsn)
           + (SELECT count(*) FROM stage_order s JOIN stg_order t USING (order_id)
              WHERE s.source_lsn <= t.source_lsn)
           + (SELECT count(*) FROM stage_order_line s JOIN fact_order_line t USING (order_id, line_no)
              WHERE s.source_lsn <= t.source_lsn)
      """;

  private static DuckDBAppender timestamp(DuckDBAppender a, OffsetDateTime t) throws SQLException {
    return t == null ? a.appendNull() : a.append(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  private static DuckDBAppender decimal(DuckDBAppender a, BigDecimal d) throws SQLException {
    return d == null ? a.appendNull() : a.append(d);
  }

  /**
   * The merge, in dependency order. Each upsert only replaces a row with a change from a later
   * source position, which is what makes re-delivered and out-of-order duplicates harmless. A
   * delete keeps the attributes it does not carry and only flips the flag. QUALIFY keeps one row
   * per key even if a caller staged two: ON CONFLICT DO UPDATE with a key twice in one statement
   * silently keeps the first, which could be the older change.
   */
  private static final List<String> MERGE_STATEMENTS =
      List.of(
          """
          INSERT INTO dim_customer SELECT * FROM stage_customer
          QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY source_lsn DESC) = 1
          ON CONFLICT (customer_id) DO UPDATE SET
            email      = CASE WHEN excluded.is_deleted THEN dim_customer.email ELSE excluded.email END,
            full_name  = CASE WHEN excluded.is_deleted THEN dim_customer.full_name ELSE excluded.full_name END,
            country    = CASE WHEN excluded.is_deleted THEN dim_customer.country ELSE excluded.country END,
            created_at = CASE WHEN excluded.is_deleted THEN dim_customer.created_at ELSE excluded.created_at END,
            email_std  = CASE WHEN excluded.is_deleted THEN dim_customer.email_std ELSE excluded.email_std END,
            phone_e164 = CASE WHEN excluded.is_deleted THEN dim_customer.phone_e164 ELSE excluded.phone_e164 END,
            contact_standardized = CASE WHEN excluded.is_deleted THEN dim_customer.contact_standardized
                                        ELSE excluded.contact_standardized END,
            source_lsn = excluded.source_lsn,
            is_deleted = excluded.is_deleted
          WHERE excluded.source_lsn > dim_customer.source_lsn
          """,
          """
          INSERT INTO dim_product SELECT * FROM stage_product
          QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY source_lsn DESC) = 1
          ON CONFLICT (product_id) DO UPDATE SET
            sku        = CASE WHEN excluded.is_deleted THEN dim_product.sku ELSE excluded.sku END,
            name       = CASE WHEN excluded.is_deleted THEN dim_product.name ELSE excluded.name END,
            category   = CASE WHEN excluded.is_deleted THEN dim_product.category ELSE excluded.category END,
            unit_price = CASE WHEN excluded.is_deleted THEN dim_product.unit_price ELSE excluded.unit_price END,
            source_lsn = excluded.source_lsn,
            is_deleted = excluded.is_deleted
          WHERE excluded.source_lsn > dim_product.source_lsn
          """,
          """
          INSERT INTO stg_order SELECT * FROM stage_order
          QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY source_lsn DESC) = 1
          ON CONFLICT (order_id) DO UPDATE SET
            customer_id = CASE WHEN excluded.is_deleted THEN stg_order.customer_id ELSE excluded.customer_id END,
            status      = CASE WHEN excluded.is_deleted THEN stg_order.status ELSE excluded.status END,
            ordered_at  = CASE WHEN excluded.is_deleted THEN stg_order.ordered_at ELSE excluded.ordered_at END,
            date_key    = CASE WHEN excluded.is_deleted THEN stg_order.date_key ELSE excluded.date_key END,
            source_lsn  = excluded.source_lsn,
            is_deleted  = excluded.is_deleted
          WHERE excluded.source_lsn > stg_order.source_lsn
          """,
          """
          INSERT INTO fact_order_line
            (order_id, line_no, product_id, quantity, unit_price, amount, source_lsn, is_deleted)
          SELECT order_id, line_no, product_id, quantity, unit_price, amount, source_lsn, is_deleted
          FROM stage_order_line
          QUALIFY row_number() OVER (PARTITION BY order_id, line_no ORDER BY source_lsn DESC) = 1
          ON CONFLICT (order_id, line_no) DO UPDATE SET
            product_id = CASE WHEN excluded.is_deleted THEN fact_order_line.product_id ELSE excluded.product_id END,
            quantity   = CASE WHEN excluded.is_deleted THEN fact_order_line.quantity ELSE excluded.quantity END,
            unit_price = CASE WHEN excluded.is_deleted THEN fact_order_line.unit_price ELSE excluded.unit_price END,
            amount     = CASE WHEN excluded.is_deleted THEN fact_order_line.amount ELSE excluded.amount END,
            source_lsn = excluded.source_lsn,
            is_deleted = excluded.is_deleted
          WHERE excluded.source_lsn > fact_order_line.source_lsn
          """,
          // Denormalize: lines take their order-level columns from the header's latest state,
          // whichever of the two arrived first.
          """
          UPDATE fact_order_line AS f SET
            customer_id  = o.customer_id,
            date_key     = o.date_key,
            order_status = o.status
          FROM stg_order AS o
          WHERE f.order_id = o.order_id
            AND f.order_id IN (SELECT order_id FROM stage_order
                               UNION SELECT order_id FROM stage_order_line)
            AND (f.customer_id IS DISTINCT FROM o.customer_id
                 OR f.date_key IS DISTINCT FROM o.date_key
                 OR f.order_status IS DISTINCT FROM o.status)
          """,
          // Calendar completeness: every day between the first and the last order.
          """
          INSERT INTO dim_date
          SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER), d::DATE, year(d), quarter(d), month(d),
                 monthname(d), day(d), isodow(d), isodow(d) >= 6
          FROM (SELECT unnest(generate_series(
                  (SELECT min(strptime(CAST(date_key AS VARCHAR), '%Y%m%d')) FROM stg_order),
                  (SELECT max(strptime(CAST(date_key AS VARCHAR), '%Y%m%d')) FROM stg_order),
                  INTERVAL 1 DAY)) AS d)
          WHERE EXISTS (SELECT 1 FROM stage_order)
          ON CONFLICT (date_key) DO NOTHING
          """);

  private void writeDeadLetters(List<DeadLetter> deadLetters) throws SQLException {
    if (deadLetters.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO dead_letter VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT DO NOTHING")) {
      for (DeadLetter d : deadLetters) {
        ps.setString(1, d.topic());
        ps.setInt(2, d.partition());
        ps.setLong(3, d.offset());
        ps.setString(4, d.reason());
        ps.setString(5, d.rawValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    log.warn("{} record(s) sent to dead_letter", deadLetters.size());
  }

  private void writeLedger(StarBatch batch, long stale) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO etl_batch_ledger VALUES (?, ?, now(), ?, ?, ?, ?)")) {
      ps.setString(1, batch.pipelineId());
      ps.setLong(2, batch.batchId());
      ps.setLong(3, batch.events());
      ps.setLong(4, batch.duplicates());
      ps.setLong(5, stale);
      ps.setLong(6, batch.deadLetters().size());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            INSERT INTO etl_source_offset VALUES (?, ?, ?)
            ON CONFLICT (topic, kafka_partition) DO UPDATE
              SET last_offset = greatest(etl_source_offset.last_offset, excluded.last_offset)
            """)) {
      for (SourceOffset o : batch.offsets()) {
        ps.setString(1, o.topic());
        ps.setInt(2, o.partition());
        ps.setLong(3, o.offset());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
