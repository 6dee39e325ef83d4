package lab.services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.bench.Cpu;

/**
 * The CPU time (user plus system) that each of the lab's programs spends over a window, from the
 * operating system's own accounting. A program counts with its descendants: PostgreSQL serves each
 * connection from a child process, and a connection that closes inside the window still counts,
 * since Linux adds a child's time to its parent's when the parent reaps it (read by {@link Cpu}).
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
    return p.withDescendants() ? Cpu.treeTime(p.process()) : Cpu.ownTime(p.process());
  }
}
