package lab.streaming.cdc;

/** The capture cannot start; the message is one line saying what failed and what to do. */
public final class PreflightException extends Exception {

  private static final long serialVersionUID = 1L;

  PreflightException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** Folds line breaks of driver messages so the whole message stays on one line. */
  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
