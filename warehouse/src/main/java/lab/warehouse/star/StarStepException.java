package lab.warehouse.star;

import java.sql.SQLException;
import lab.warehouse.sql.SqlScript;

/**
 * A statement of a star step failed: which step, where it came from, and where in it, so a message
 * can point at the line of the file (DuckDB's own "LINE n" counts within the statement).
 */
public final class StarStepException extends SQLException {

  private final StarStep step;
  private final SqlScript.Statement statement;

  StarStepException(StarStep step, SqlScript.Statement statement, SQLException cause) {
    super(
        "star step "
            + step.name()
            + " ("
            + step.origin()
            + ") failed at line "
            + statement.line()
            + ": "
            + cause.getMessage()
            + "\n  in: "
            + statement.sql().lines().findFirst().orElse(""),
        cause.getSQLState(),
        cause);
    this.step = step;
    this.statement = statement;
  }

  public StarStep step() {
    return step;
  }

  /** The statement that failed, with the line of its file it starts on. */
  public SqlScript.Statement statement() {
    return statement;
  }

  /** What the database said, without the step's context. */
  public String reason() {
    String m = getCause().getMessage();
    return m == null ? getCause().toString() : m;
  }
}
