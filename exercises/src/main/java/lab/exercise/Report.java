package lab.exercise;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a check of a lab found: not started, a build that failed (the student's SQL did not run), or
 * each check's result.
 *
 * @param problem why no check could run (not started, a broken file), or null
 */
public record Report(
    Lab lab, boolean notStarted, String problem, List<CheckResult> results, Duration took) {

  public Report {
    results = List.copyOf(results);
  }

  /** The student's file is gone: how to get it back. */
  static Report missing(Lab lab, Path file) {
    return new Report(
        lab,
        false,
        file
            + " is missing; ./lab exercise reset "
            + lab.number()
            + " gives you the starting file again",
        List.of(),
        Duration.ZERO);
  }

  public boolean passed() {
    return !notStarted
        && problem == null
        && !results.isEmpty()
        && results.stream().allMatch(CheckResult::passed);
  }

  public long passing() {
    return results.stream().filter(CheckResult::passed).count();
  }

  /** The whole report as the student reads it. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("lab ").append(lab.number()).append(": ").append(lab.title()).append('\n');
    if (notStarted) {
      out.append("  not started: ").append(problem).append('\n');
      return out.toString();
    }
    if (problem != null) {
      out.append("  ✗ your ").append(lab.fileToEdit()).append(" did not run:\n");
      problem.lines().forEach(l -> out.append("    ").append(l).append('\n'));
      return out.toString();
    }
    for (CheckResult r : results) {
      out.append(r.passed() ? "  ✓ " : "  ✗ ").append(r.title()).append('\n');
      if (!r.passed()) {
        r.message().lines().forEach(l -> out.append("      ").append(l).append('\n'));
      }
    }
    out.append(
        String.format(
            "  %d of %d checks pass (%.1f s)%s%n",
            passing(),
            results.size(),
            took.toMillis() / 1000.0,
            passed() ? " — lab " + lab.number() + " passed" : ""));
    return out.toString();
  }
}
