package lab.services;

/**
 * What {@code lab status} shows for one service or program.
 *
 * @param pid the process id, or -1 when the lab does not run it
 */
public record ServiceStatus(String name, State state, String address, long pid, String detail) {

  /** The states a service can be in, as the user sees them. */
  public enum State {
    UP,
    DOWN,
    UNHEALTHY,
    EXTERNAL_UP,
    EXTERNAL_DOWN;

    public boolean healthy() {
      return this == UP || this == EXTERNAL_UP;
    }
  }
}
