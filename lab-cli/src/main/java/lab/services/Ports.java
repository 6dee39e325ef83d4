package lab.services;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Checks that a port on 127.0.0.1 is free before a service is started on it. */
public final class Ports {

  private Ports() {}

  /** Throws a message naming the port and the setting that moves it if the port is taken. */
  public static void requireFree(int port, String what, String setting) {
    if (!isFree(port)) {
      throw new LabException(
          "port "
              + port
              + " on 127.0.0.1 is in use, so "
              + what
              + " cannot start there; stop what uses it or choose another port with "
              + setting);
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As the servers themselves do: connections lingering in TIME_WAIT from a server that just
      // stopped do not make the port busy; only a listener does.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Below Linux's ephemeral range (32768-60999 by default) and above the well-known services. */
  static final int FIRST_CHOSEN = 20_000;

  static final int LAST_CHOSEN = 32_767;

  /**
   * A port that is free right now, for tests and throwaway services, chosen below the ephemeral
   * range: a port the kernel handed out with {@code bind(0)} comes from that range, where the next
   * outgoing connection (a client of the PostgreSQL just started) may take it before the server
   * that was to listen on it starts (seen once in PipelineIT: "port 33323 ... is in use").
   */
  public static int findFree() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST_CHOSEN, LAST_CHOSEN + 1);
      if (isFree(port)) {
        return port;
      }
    }
    throw new LabException(
        "cannot find a free port between "
            + FIRST_CHOSEN
            + " and "
            + LAST_CHOSEN
            + " on 127.0.0.1");
  }
}
