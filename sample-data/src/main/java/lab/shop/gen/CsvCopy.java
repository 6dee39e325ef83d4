package lab.shop.gen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * One {@code COPY ... FROM STDIN (FORMAT csv)} fed row by row through a buffered writer, so a table
 * of any size streams to the server without being built up in memory. The same rows can go to a CSV
 * file instead ({@link Target#files}): what the server would have been sent, byte for byte.
 */
final class CsvCopy implements AutoCloseable {

  /** Where the seeder's rows go: a PostgreSQL server, or a folder of CSV files. */
  @FunctionalInterface
  interface Target {
    CsvCopy start(String table, String columns) throws SQLException;

    /** Each table's COPY to the server. */
    static Target server(CopyManager copyManager) {
      return (table, columns) -> CsvCopy.start(copyManager, table, columns);
    }

    /**
     * Each table's rows appended to {@code <dir>/<table>.csv}, whose first line names the columns
     * (written when the file is created; the seeder copies orders' tables in several rounds).
     */
    static Target files(Path dir) {
      return (table, columns) -> {
        Path file = dir.resolve(table + ".csv");
        try {
          boolean fresh = !Files.exists(file);
          OutputStream stream =
              Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          if (fresh) {
            stream.write((columns.replace(" ", "") + "\n").getBytes(StandardCharsets.UTF_8));
          }
          return new CsvCopy(table, stream, new FileEnd(stream));
        } catch (IOException e) {
          throw new SQLException("cannot write " + file + ": " + e.getMessage(), "58030", e);
        }
      };
    }
  }

  /** How a copy ends: the server's row count, or a closed file. */
  private interface End {
    long finish(long rowsWritten) throws IOException, SQLException;

    void abandon() throws SQLException;
  }

  private record ServerEnd(PGCopyOutputStream stream) implements End {
    @Override
    public long finish(long rowsWritten) throws SQLException {
      return stream.endCopy();
    }

    @Override
    public void abandon() throws SQLException {
      if (stream.isActive()) {
        stream.cancelCopy();
      }
    }
  }

  private record FileEnd(OutputStream stream) implements End {
    @Override
    public long finish(long rowsWritten) throws IOException {
      stream.close();
      return rowsWritten;
    }

    @Override
    public void abandon() {
      try {
        stream.close();
      } catch (IOException e) {
        // Nothing to roll back: a file the seeder did not finish is not used.
      }
    }
  }

  private static final int BUFFER_CHARS = 1 << 16;

  // The offset is written out, so the server never interprets the value in its own time zone.
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx");

  private final String table;
  private final End end;
  private final Writer out;
  private boolean rowStarted;
  private long rows;

  private CsvCopy(String table, OutputStream stream, End end) {
    this.table = table;
    this.end = end;
    this.out =
        new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER_CHARS);
  }

  /** Starts copying into {@code table (columns)}; both are trusted constants of this module. */
  static CsvCopy start(CopyManager copyManager, String table, String columns) throws SQLException {
    String sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
    PGCopyOutputStream stream = new PGCopyOutputStream(copyManager.copyIn(sql), BUFFER_CHARS);
    return new CsvCopy(table, stream, new ServerEnd(stream));
  }

  CsvCopy text(String value) throws SQLException {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char ch = value.charAt(i);
      quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
    }
    // An empty string must be quoted too, or CSV COPY reads it as NULL.
    return field(quote || value.isEmpty() ? '"' + value.replace("\"", "\"\"") + '"' : value);
  }

  /** A text value, or NULL (an empty unquoted field) when value is null. */
  CsvCopy textOrNull(String value) throws SQLException {
    return value == null ? field("") : text(value);
  }

  CsvCopy numberOrNull(Long value) throws SQLException {
    return value == null ? field("") : number(value);
  }

  CsvCopy timestampOrNull(OffsetDateTime value) throws SQLException {
    return value == null ? field("") : timestamp(value);
  }

  CsvCopy dateOrNull(LocalDate value) throws SQLException {
    return value == null ? field("") : field(value.toString());
  }

  CsvCopy number(long value) throws SQLException {
    return field(Long.toString(value));
  }

  CsvCopy money(BigDecimal value) throws SQLException {
    return field(value.toPlainString());
  }

  CsvCopy timestamp(OffsetDateTime value) throws SQLException {
    return field(TIMESTAMP.format(value));
  }

  void endRow() throws SQLException {
    write("\n");
    rowStarted = false;
    rows++;
  }

  /** Sends what is buffered and ends the COPY; returns the rows the server loaded. */
  long finish() throws SQLException {
    try {
      out.flush();
      return end.finish(rows);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Abandons a COPY that was not finished, so the connection can roll back. */
  @Override
  public void close() throws SQLException {
    end.abandon();
  }

  private CsvCopy field(String value) throws SQLException {
    write(rowStarted ? "," : "");
    write(value);
    rowStarted = true;
    return this;
  }

  private void write(String s) throws SQLException {
    try {
      out.write(s);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  // PgJDBC reports server errors through the OutputStream as IOExceptions wrapping SQLExceptions.
  private SQLException failed(IOException e) {
    if (e.getCause() instanceof SQLException sql) {
      return new SQLException(
          "COPY into " + table + " failed: " + sql.getMessage(), sql.getSQLState(), e);
    }
    return new SQLException("COPY into " + table + " failed: " + e.getMessage(), "08006", e);
  }
}
