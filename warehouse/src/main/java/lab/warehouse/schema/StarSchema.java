package lab.warehouse.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the DuckDB star schema (idempotent: every statement says IF NOT EXISTS). */
public final class StarSchema {

  private static final String DDL_RESOURCE = "/lab/warehouse/star.sql";

  private StarSchema() {}

  /** Creates every warehouse table that does not exist yet. */
  public static void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String ddl : statements()) {
        statement.execute(ddl);
      }
    }
  }

  static String[] statements() {
    try (InputStream in = StarSchema.class.getResourceAsStream(DDL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + DDL_RESOURCE + " on the classpath");
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return java.util.Arrays.stream(sql.replaceAll("--[^\n]*", "").split(";"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
