package lab.streaming.cdc;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds the configuration of the Kafka producer and admin client that the capture uses. */
public final class KafkaClientConfig {

  /** How long the start-up check waits for Kafka before giving up. */
  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);

  private KafkaClientConfig() {}

  /**
   * An idempotent producer that waits for all replicas: with the flush-then-commit order of {@link
   * KafkaForwarder} an acknowledged batch is in Kafka before its offsets can be stored.
   */
  public static Properties producerProperties(CdcSettings settings) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "lab-cdc");
    p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return p;
  }

  /** An admin client whose calls give up after {@link #ADMIN_TIMEOUT}. */
  public static Properties adminProperties(CdcSettings settings) {
    int timeoutMs = Math.toIntExact(ADMIN_TIMEOUT.toMillis());
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "lab-cdc-admin");
    p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    return p;
  }
}
