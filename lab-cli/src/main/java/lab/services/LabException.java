package lab.services;

/** A failure the user can act on: its message says what is wrong and what to do. */
public class LabException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
