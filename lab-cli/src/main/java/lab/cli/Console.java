package lab.cli;

import java.io.PrintStream;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;

/**
 * The lab's terminal output: short step lines, and a progress line that rewrites itself on a
 * terminal (and prints at most every few seconds when the output is a file or a pipe).
 */
public final class Console {

  private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

  private final PrintStream out;
  private final boolean terminal;
  private long lastProgressNanos;
  private boolean progressShown;

  public Console(PrintStream out) {
    this.out = out;
    this.terminal = System.console() != null;
  }

  public void line(String text) {
    endProgress();
    out.println(text);
  }

  /** A numbered step of a longer command: {@code [3/8] seed shop ...}. */
  public void step(int n, int of, String name, String text) {
    line(String.format("[%d/%d] %-14s %s", n, of, name, text));
  }

  /** A progress update; on a terminal it replaces the previous one. */
  public void progress(String text) {
    long now = System.nanoTime();
    if (terminal) {
      out.print("\r\033[2K      " + text);
      out.flush();
      progressShown = true;
    } else if (now - lastProgressNanos > Duration.ofSeconds(5).toNanos()) {
      out.println("      " + text);
      lastProgressNanos = now;
    }
  }

  private void endProgress() {
    if (progressShown) {
      out.print("\r\033[2K");
      progressShown = false;
    }
  }

  public static String count(long n) {
    return COUNT.format(n);
  }

  public static String seconds(Duration d) {
    return String.format(Locale.US, "%.1f s", d.toMillis() / 1000.0);
  }
}
