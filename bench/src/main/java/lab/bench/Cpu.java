package lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The one reader of CPU time in the lab, from the operating system's own accounting: this JVM's
 * (DuckDB runs in it), a process's, and a process tree's such as PostgreSQL's postmaster with its
 * backends, where the server runs on this machine.
 */
public final class Cpu {

  /** Linux reports times in USER_HZ ticks, 100 a second on every architecture it runs on. */
  private static final long TICK_NANOS = 10_000_000;

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

  /**
   * CPU seconds of the postmaster's process tree so far, or empty if this machine does not show it:
   * its backends and parallel workers count, also those that exited meanwhile.
   */
  public static OptionalDouble serverSeconds(OptionalLong postmaster) {
    if (postmaster.isEmpty()) {
      return OptionalDouble.empty();
    }
    return ProcessHandle.of(postmaster.getAsLong())
        .flatMap(Cpu::treeTime)
        .map(d -> OptionalDouble.of(d.toNanos() / 1e9))
        .orElse(OptionalDouble.empty());
  }

  /** A process's own CPU time so far (with what it reaped, on Linux); empty when it is gone. */
  public static Optional<Duration> ownTime(ProcessHandle h) {
    return h.isAlive() ? timeSoFar(h) : Optional.empty();
  }

  /**
   * The CPU time so far of a process tree: each live member's own time plus, on Linux, what the
   * members have reaped of their exited children ({@code /proc/PID/stat}: cutime, cstime; Linux
   * adds a child's time to its parent's when the parent reaps it). Elsewhere it falls back to
   * {@link ProcessHandle.Info#totalCpuDuration}, which misses children that exited. Empty when the
   * root is gone.
   */
  public static Optional<Duration> treeTime(ProcessHandle root) {
    if (!root.isAlive()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    for (ProcessHandle h : Stream.concat(Stream.of(root), root.descendants()).toList()) {
      Optional<Duration> own = timeSoFar(h);
      if (own.isEmpty() && h.equals(root)) {
        return Optional.empty();
      }
      total = total.plus(own.orElse(Duration.ZERO));
    }
    return Optional.of(total);
  }

  private static Optional<Duration> timeSoFar(ProcessHandle h) {
    return procStat(h.pid()).or(() -> h.info().totalCpuDuration());
  }

  /** utime + stime + cutime + cstime from {@code /proc/PID/stat}; empty off Linux. */
  private static Optional<Duration> procStat(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      return Optional.of(parseStat(Files.readString(stat)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not Linux, or the process has just exited
    }
  }

  /** The times of a {@code /proc/PID/stat} line (its command may hold spaces and parentheses). */
  static Duration parseStat(String line) {
    String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
    // After the command: state is field 3 of proc(5), so fields 14-17 are f[11] to f[14].
    long ticks =
        Long.parseLong(f[11])
            + Long.parseLong(f[12])
            + Long.parseLong(f[13])
            + Long.parseLong(f[14]);
    return Duration.ofNanos(ticks * TICK_NANOS);
  }
}
