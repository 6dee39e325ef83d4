package lab.bench.oltp;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between PostgreSQL and DuckDB for the OLTP transactions. Everything else (the SQL of
 * the five transactions, RETURNING, sequences behind the ids) is the same on both engines.
 */
public enum OltpDialect {
  /**
   * READ COMMITTED with explicit row locks: rows a transaction changes are locked by the UPDATE or
   * by SELECT ... FOR UPDATE, and rows another client has locked are skipped rather than waited for
   * (SKIP LOCKED), so payments and deliveries spread over the orders instead of queueing on one.
   * Read-only transactions read one snapshot (REPEATABLE READ), so an order's lines, payment and
   * shipment agree with each other.
   */
  POSTGRES(
      "postgres",
      " FOR UPDATE SKIP LOCKED",
      "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"),

  /**
   * DuckDB has no row locks and one isolation level, snapshot isolation with optimistic
   * concurrency: two transactions changing the same row both run, and the second to write aborts
   * with a "Conflict on update" error, which the runner retries.
   */
  DUCKDB("duckdb", "", null);

  private final String label;
  private final String lockClause;
  private final String readOnlyBegin;

  OltpDialect(String label, String lockClause, String readOnlyBegin) {
    this.label = label;
    this.lockClause = lockClause;
    this.readOnlyBegin = readOnlyBegin;
  }

  /** {@code postgres} or {@code duckdb}, as on the command line. */
  public String label() {
    return label;
  }

  /** Appended to a SELECT that picks rows the transaction then changes; empty on DuckDB. */
  String lockClause() {
    return lockClause;
  }

  /** The statement that opens a read-only transaction on one snapshot, or null if none needed. */
  String readOnlyBegin() {
    return readOnlyBegin;
  }

  /** Gets a fresh connection ready for the driver: no auto-commit, the dialect's isolation. */
  void configure(Connection c) throws SQLException {
    c.setAutoCommit(false);
    if (this == POSTGRES) {
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  /**
   * True if running the transaction again may succeed: a serialization failure or deadlock on
   * PostgreSQL (SQLSTATE 40001, 40P01), a write-write conflict on DuckDB (which sets no SQLSTATE,
   * only the message "TransactionContext Error: Conflict on update!" or similar).
   */
  public boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
          return true;
        }
        String message = s.getMessage() == null ? "" : s.getMessage().toLowerCase(Locale.ROOT);
        if (this == DUCKDB && message.contains("conflict") && !message.contains("constraint")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if the connection is gone: SQLSTATE class 08 (connection exception), 57P01..57P03 (the
   * server is shutting down or terminated this backend), or a connection the driver has closed.
   */
  public static boolean isConnectionLost(SQLException e, Connection c) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || state.matches("57P0[123]")) {
          return true;
        }
      }
    }
    try {
      return c == null || c.isClosed();
    } catch (SQLException closedCheckFailed) {
      return true;
    }
  }

  /** The dialect for a label, as typed on the command line. */
  public static OltpDialect of(String label) {
    for (OltpDialect d : values()) {
      if (d.label.equalsIgnoreCase(label)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "engine must be postgres or duckdb, got '" + label + "' (set --engine)");
  }
}
