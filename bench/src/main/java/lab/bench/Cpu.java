package lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * CPU seconds beside wall time: this JVM's (DuckDB runs in it), and PostgreSQL's server processes,
 * read from /proc where the server runs on this machine. The server's figure is the postmaster's
 * finished children (cutime, cstime) plus its live children, so parallel workers that came and went
 * during a query count too.
 */
public final class Cpu {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private Cpu() {}

  /** CPU seconds this JVM has used so far. */
  public static double jvmSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /**
   * The postmaster serving this connection, if its process is visible here (an embedded or local
   * server); empty for a server in a container or on another machine.
   */
  public static OptionalLong postmasterOf(Connection pg) {
    long backend;
    try (Statement st = pg.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      backend = rs.getLong(1);
    } catch (SQLException e) {
      return OptionalLong.empty();
    }
    return ProcessHandle.of(backend)
        .flatMap(ProcessHandle::parent)
        .map(p -> OptionalLong.of(p.pid()))
        .orElse(OptionalLong.empty());
  }

  /** CPU seconds of the postmaster's process tree so far, or empty if /proc does not show it. */
  public static OptionalDouble serverSeconds(OptionalLong postmaster) {
    if (postmaster.isEmpty()) {
      return OptionalDouble.empty();
    }
    try {
      double ticks = ticks(postmaster.getAsLong(), true);
      List<ProcessHandle> children =
          ProcessHandle.of(postmaster.getAsLong())
              .map(p -> p.children().toList())
              .orElse(List.of());
      for (ProcessHandle child : children) {
        ticks += ticks(child.pid(), false);
      }
      return OptionalDouble.of(ticks / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  private static double ticks(long pid, boolean withChildren) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return 0;
    }
    String s = Files.readString(stat);
    // After the command name in parentheses: field 3 is f[0]; utime, stime, cutime, cstime are
    // fields 14 to 17.
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    double t = Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
    if (withChildren) {
      t += Double.parseDouble(f[13]) + Double.parseDouble(f[14]);
    }
    return t;
  }
}
