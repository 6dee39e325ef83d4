package lab.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one rule by which the lab reads its SQL scripts. */
class SqlScriptTest {

  @Test
  void aStatementEndsWithASemicolonAtTheEndOfALine() {
    assertThat(
            SqlScript.statements(
                """
                -- a comment line, dropped
                CREATE TABLE t (
                    a INTEGER, -- a comment after code stays; its semicolon ends nothing
                    b VARCHAR DEFAULT 'x;y');
                INSERT INTO t VALUES (1, 'z');   \n\
                SELECT 1;"""))
        .containsExactly(
            "CREATE TABLE t (\n"
                + "    a INTEGER, -- a comment after code stays; its semicolon ends nothing\n"
                + "    b VARCHAR DEFAULT 'x;y')",
            "INSERT INTO t VALUES (1, 'z')",
            "SELECT 1");
  }

  @Test
  void eachStatementKnowsTheLineItsCodeStartsOn() {
    assertThat(
            SqlScript.located(
                """
                -- line 1: a comment
                SELECT 1;

                -- line 4
                INSERT INTO t
                -- line 6, inside the statement
                VALUES (1); SELECT 'not a new statement';
                SELECT 2"""))
        .containsExactly(
            new SqlScript.Statement(2, "SELECT 1"),
            new SqlScript.Statement(5, "INSERT INTO t\n\nVALUES (1); SELECT 'not a new statement'"),
            new SqlScript.Statement(8, "SELECT 2"));
  }

  @Test
  void aScriptOfCommentsHasNoStatements() {
    assertThat(SqlScript.statements("-- nothing\n\n  -- to run\n")).isEmpty();
  }

  @Test
  void aMissingResourceIsAPackagingError() {
    assertThatThrownBy(() -> SqlScript.text("/lab/warehouse/no-such.sql"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("missing /lab/warehouse/no-such.sql on the classpath");
  }
}
