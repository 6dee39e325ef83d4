package lab.shop.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** What the shop's writers do when a transaction fails, in one place. */
public final class Transactions {

  private Transactions() {}

  /**
   * Rolls the connection's transaction back after {@code cause} ended it, keeping a failed rollback
   * as a suppressed exception of the cause, so the caller rethrows the error that matters.
   */
  public static void rollbackAfter(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailed) {
      cause.addSuppressed(rollbackFailed);
    }
  }
}
