package lab.exercise;

/** The outcome of one check: its title, whether it passed, and what to tell the student. */
public record CheckResult(String title, boolean passed, String message) {}
