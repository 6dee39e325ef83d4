package lab.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time (user plus system) that each of the lab's programs spends over a window, from the
 * operating system's own accounting. A program counts with its descendants: PostgreSQL serves each
 * connection from a child process, and a connection that closes inside the window still counts,
 * since Linux adds a child's time to its parent's when the parent reaps it ({@code /proc/PID/stat},
 * fields cutime and cstime). Elsewhere the meter falls back to {@link
 * ProcessHandle.Info#totalCpuDuration}, which misses children that exit inside the window.
 */
public final class CpuMeter {

  /** One program's CPU time over the window; empty when the program is gone or will not tell. */
  public record Usage(String program, Optional<Duration> cpu) {}

  /**
   * A program to measure: its process, with or without its descendants (a process that started the
   * lab's services itself, as a test does, must not count them as its own).
   */
  public record Program(String name, ProcessHandle process, boolean withDescendants) {

    /** The process and every process it started. */
    public static Program tree(String name, ProcessHandle process) {
      return new Program(name, process, true);
    }

    /** The process on its own. */
    public static Program alone(String name, ProcessHandle process) {
      return new Program(name, process, false);
    }
  }

  /** Linux reports times in USER_HZ ticks, 100 a second on every architecture it runs on. */
  private static final long TICK_NANOS = 10_000_000;

  private final List<Program> programs;
  private final List<Optional<Duration>> atStart;
  private final long startedNanos;

  private CpuMeter(List<Program> programs) {
    this.programs = List.copyOf(programs);
    this.atStart = this.programs.stream().map(CpuMeter::cpu).toList();
    this.startedNanos = System.nanoTime();
  }

  /** Starts measuring these programs, in report order. */
  public static CpuMeter start(List<Program> programs) {
    return new CpuMeter(programs);
  }

  /** The wall time since the meter started. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** Each program's CPU time since the start, in the order the programs were given. */
  public List<Usage> read() {
    List<Usage> out = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) {
      Optional<Duration> start = atStart.get(i);
      Optional<Duration> now = cpu(programs.get(i));
      out.add(
          new Usage(
              programs.get(i).name(),
              start.isPresent() && now.isPresent()
                  ? now.map(n -> n.minus(start.get()))
                  : Optional.empty()));
    }
    return out;
  }

  private static Optional<Duration> cpu(Program p) {
    return p.withDescendants() ? treeCpu(p.process()) : ownCpu(p.process());
  }

  /** A process's own CPU time so far (with what it reaped, on Linux); empty when it is gone. */
  static Optional<Duration> ownCpu(ProcessHandle h) {
    return h.isAlive() ? timeSoFar(h) : Optional.empty();
  }

  /**
   * The CPU time so far of a process tree: each live member's own time plus, on Linux, what the
   * members have reaped of their exited children. Empty when the root is gone.
   */
  static Optional<Duration> treeCpu(ProcessHandle root) {
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
  static Optional<Duration> procStat(long pid) {
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
