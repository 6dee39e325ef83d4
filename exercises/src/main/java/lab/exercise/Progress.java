package lab.exercise;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;

/**
 * The student's progress, kept in {@code progress.properties} of their working folder (so it
 * survives {@code lab down}): per lab, when it was started, the hints shown, the last check's
 * result and time, and when it passed. Written whole to a temporary file and moved in place.
 */
public final class Progress {

  static final String FILE = "progress.properties";

  private final Path file;
  private final Properties values = new Properties();

  private Progress(Path file) {
    this.file = file;
  }

  public static Progress load(Path workDir) {
    Progress p = new Progress(workDir.resolve(FILE));
    if (Files.exists(p.file)) {
      try (Reader in = Files.newBufferedReader(p.file, StandardCharsets.UTF_8)) {
        p.values.load(in);
      } catch (IOException e) {
        throw new CourseException("cannot read your progress in " + p.file + ": " + e.getMessage());
      }
    }
    return p;
  }

  public boolean started(Lab lab) {
    return values.containsKey(key(lab, "started"));
  }

  public boolean passed(Lab lab) {
    return values.containsKey(key(lab, "passed"));
  }

  public int hintsShown(Lab lab) {
    return Integer.parseInt(values.getProperty(key(lab, "hints"), "0"));
  }

  /** The last check's result as {@code k of m}, or null. */
  public String lastResult(Lab lab) {
    return values.getProperty(key(lab, "checks"));
  }

  /** The last check's time in seconds, or null. */
  public String lastCheckTime(Lab lab) {
    return values.getProperty(key(lab, "check-seconds"));
  }

  public void markStarted(Lab lab) {
    values.putIfAbsent(key(lab, "started"), Instant.now().toString());
    save();
  }

  public void markHint(Lab lab, int shown) {
    values.setProperty(key(lab, "hints"), Integer.toString(shown));
    save();
  }

  public void record(Report report) {
    Lab lab = report.lab();
    values.putIfAbsent(key(lab, "started"), Instant.now().toString());
    if (report.notStarted()) {
      values.remove(key(lab, "checks"));
    } else {
      values.setProperty(
          key(lab, "checks"),
          report.problem() != null
              ? "did not run"
              : report.passing() + " of " + report.results().size() + " checks pass");
      values.setProperty(
          key(lab, "check-seconds"),
          String.format(java.util.Locale.ROOT, "%.1f", report.took().toMillis() / 1000.0));
    }
    if (report.passed()) {
      values.putIfAbsent(key(lab, "passed"), Instant.now().toString());
    }
    save();
  }

  private static String key(Lab lab, String what) {
    return "lab." + lab.number() + "." + what;
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(FILE + ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        values.store(out, "your progress in the course (./lab exercise list)");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save your progress in " + file, e);
    }
  }
}
