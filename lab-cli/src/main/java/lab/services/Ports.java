package lab.services;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

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

  /** A port that is free right now, for tests and throwaway services. */
  public static int findFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LabException("cannot find a free port: " + e.getMessage());
    }
  }
}
