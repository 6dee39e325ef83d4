package lab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Choosing ports for the lab's own servers. */
class PortsTest {

  @Test
  void aChosenPortIsFreeAndOutsideTheEphemeralRangeThatOutgoingConnectionsUse() throws IOException {
    int port = Ports.findFree();

    assertThat(port).isBetween(Ports.FIRST_CHOSEN, Ports.LAST_CHOSEN);
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortWithAListenerIsReportedInUseWithWhatToDo() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int busy = listener.getLocalPort();

      assertThat(Ports.isFree(busy)).isFalse();
      assertThatThrownBy(() -> Ports.requireFree(busy, "Kafka", "--kafka-port or LAB_KAFKA_PORT"))
          .hasMessageContaining("port " + busy + " on 127.0.0.1 is in use, so Kafka cannot start");
    }
  }
}
