package lab.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A pid file for a process the lab started: the pid and the process's start time, so a pid that the
 * OS has since given to another process is never mistaken for ours (and never killed).
 */
public record PidFile(Path path) {

  /** Records a started process. */
  public void write(ProcessHandle process) {
    try {
      Files.createDirectories(path.getParent());
      String started = process.info().startInstant().map(Instant::toString).orElse("-");
      Files.writeString(path, process.pid() + " " + started + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the pid file " + path, e);
    }
  }

  /** The recorded process, if it is still alive and still the one we started. */
  public Optional<ProcessHandle> live() {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    String[] fields;
    try {
      fields = Files.readString(path).strip().split("\\s+");
    } catch (IOException e) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(fields[0]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (handle.isPresent() && fields.length > 1 && !"-".equals(fields[1])) {
      String recorded = fields[1];
      boolean same =
          handle.get().info().startInstant().map(i -> i.toString().equals(recorded)).orElse(true);
      if (!same) {
        return Optional.empty();
      }
    }
    return handle;
  }

  /**
   * Stops the recorded process: SIGTERM, then SIGKILL if it has not exited within {@code grace}.
   * Returns true if a live process was stopped. Removes the pid file either way.
   */
  public boolean stop(Duration grace) {
    Optional<ProcessHandle> process = live();
    process.ifPresent(p -> terminate(p, grace));
    delete();
    return process.isPresent();
  }

  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void terminate(ProcessHandle p, Duration grace) {
    p.destroy();
    try {
      p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    } catch (Exception timeout) {
      p.destroyForcibly();
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception ignored) {
        // reported by the caller's status check
      }
    }
  }
}
