package lab.streaming.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CdcSettingsTest {

  static final List<String> SHOP_TABLES =
      List.of("public.customers", "public.products", "public.orders", "public.order_items");

  /** The settings the lab starts the capture with. */
  static CdcSettings labSettings() {
    return new CdcSettings(
        "127.0.0.1",
        54321,
        "shop",
        "postgres",
        "",
        "127.0.0.1:9092",
        Path.of("/var/lab/cdc"),
        "shop",
        "lab_shop",
        "lab_shop_pub",
        1000,
        SHOP_TABLES);
  }

  @Test
  void derivesTopicsOffsetsFileAndJdbcUrlFromTheSettings() {
    CdcSettings s = labSettings();

    assertThat(s.topics())
        .containsExactly(
            "shop.public.customers",
            "shop.public.products",
            "shop.public.orders",
            "shop.public.order_items");
    assertThat(s.offsetsFile()).isEqualTo(Path.of("/var/lab/cdc/offsets.dat"));
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:54321/shop");
  }

  @Test
  void makesTheStateDirAbsoluteSoTheOffsetsDoNotDependOnTheWorkingDirectory() {
    CdcSettings s = with(b -> b.stateDir(Path.of("state/../cdc")));

    assertThat(s.stateDir()).isAbsolute().isEqualTo(Path.of("cdc").toAbsolutePath());
  }

  @Test
  void acceptsSeveralBootstrapServersAndAnEmptyPassword() {
    CdcSettings s = with(b -> b.kafkaBootstrap("k1:9092, k2:9093").pgPassword(null));

    assertThat(s.kafkaBootstrap()).isEqualTo("k1:9092, k2:9093");
    assertThat(s.pgPassword()).isEmpty();
  }

  @Test
  void trimsTableNamesAndKeepsTheirOrder() {
    CdcSettings s = with(b -> b.tables(List.of(" public.orders", "public.customers ")));

    assertThat(s.tables()).containsExactly("public.orders", "public.customers");
  }

  @Test
  void rejectsAPortOutsideTheTcpRange() {
    assertRejected(b -> b.pgPort(0), "--pg-port", "between 1 and 65535");
    assertRejected(b -> b.pgPort(70_000), "--pg-port", "got 70000");
  }

  @Test
  void rejectsEmptyConnectionSettings() {
    assertRejected(b -> b.pgHost(" "), "--pg-host", "must not be empty");
    assertRejected(b -> b.pgDatabase(""), "--pg-database", "must not be empty");
    assertRejected(b -> b.pgUser(null), "--pg-user", "REPLICATION");
    assertRejected(b -> b.kafkaBootstrap(null), "--kafka-bootstrap", "must not be empty");
  }

  @Test
  void rejectsABootstrapAddressWithoutAValidPort() {
    assertRejected(b -> b.kafkaBootstrap("localhost"), "--kafka-bootstrap", "host:port");
    assertRejected(b -> b.kafkaBootstrap("localhost:"), "--kafka-bootstrap", "host:port");
    assertRejected(b -> b.kafkaBootstrap(":9092"), "--kafka-bootstrap", "host:port");
    assertRejected(b -> b.kafkaBootstrap("k1:9092,k2:x"), "--kafka-bootstrap", "host:port");
    assertRejected(b -> b.kafkaBootstrap("k1:99999"), "--kafka-bootstrap", "host:port");
  }

  @Test
  void requiresAStateDir() {
    assertRejected(b -> b.stateDir(null), "--state-dir", "offsets");
  }

  @Test
  void rejectsNamesPostgresqlOrKafkaWouldRefuse() {
    assertRejected(b -> b.slot("Lab-Shop"), "--slot", "lower-case");
    assertRejected(b -> b.slot("s".repeat(64)), "--slot", "1-63");
    assertRejected(b -> b.publication("1pub"), "--publication", "SQL identifier");
    assertRejected(b -> b.topicPrefix("shop/cdc"), "--topic-prefix", "letters, digits");
  }

  @Test
  void rejectsANegativeFlushInterval() {
    assertRejected(b -> b.offsetFlushMs(-1), "--offset-flush-ms", "0 or more");
  }

  @Test
  void acceptsFlushingAfterEveryBatch() {
    assertThat(with(b -> b.offsetFlushMs(0)).offsetFlushMs()).isZero();
  }

  @Test
  void rejectsTablesThatAreNotSchemaQualifiedPlainIdentifiers() {
    assertRejected(b -> b.tables(List.of()), "--tables", "at least one");
    assertRejected(b -> b.tables(null), "--tables", "at least one");
    assertRejected(b -> b.tables(List.of("orders")), "--tables", "schema.table");
    assertRejected(b -> b.tables(List.of("public.order items")), "--tables", "schema.table");
    assertRejected(b -> b.tables(List.of("public.ord.*")), "--tables", "schema.table");
  }

  @Test
  void rejectsATableListedTwice() {
    assertRejected(b -> b.tables(List.of("public.orders", "public.orders")), "--tables", "twice");
  }

  @Test
  void rejectsTopicNamesLongerThanKafkaAllows() {
    assertRejected(
        b -> b.topicPrefix("p".repeat(240)), "--topic-prefix", "longer than Kafka's 249");
  }

  @Test
  void tablesCannotBeChangedAfterValidation() {
    assertThatThrownBy(() -> labSettings().tables().add("public.hacked"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static void assertRejected(UnaryOperator<Builder> change, String flag, String whatToDo) {
    assertThatThrownBy(() -> with(change))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(flag)
        .hasMessageContaining(whatToDo);
  }

  private static CdcSettings with(UnaryOperator<Builder> change) {
    return change.apply(new Builder(labSettings())).build();
  }

  /** The lab's settings with one value changed, so each test shows only what it varies. */
  private static final class Builder {
    private String pgHost;
    private int pgPort;
    private String pgDatabase;
    private String pgUser;
    private String pgPassword;
    private String kafkaBootstrap;
    private Path stateDir;
    private String topicPrefix;
    private String slot;
    private String publication;
    private long offsetFlushMs;
    private List<String> tables;

    Builder(CdcSettings s) {
      pgHost = s.pgHost();
      pgPort = s.pgPort();
      pgDatabase = s.pgDatabase();
      pgUser = s.pgUser();
      pgPassword = s.pgPassword();
      kafkaBootstrap = s.kafkaBootstrap();
      stateDir = s.stateDir();
      topicPrefix = s.topicPrefix();
      slot = s.slot();
      publication = s.publication();
      offsetFlushMs = s.offsetFlushMs();
      tables = s.tables();
    }

    Builder pgHost(String v) {
      pgHost = v;
      return this;
    }

    Builder pgPort(int v) {
      pgPort = v;
      return this;
    }

    Builder pgDatabase(String v) {
      pgDatabase = v;
      return this;
    }

    Builder pgUser(String v) {
      pgUser = v;
      return this;
    }

    Builder pgPassword(String v) {
      pgPassword = v;
      return this;
    }

    Builder kafkaBootstrap(String v) {
      kafkaBootstrap = v;
      return this;
    }

    Builder stateDir(Path v) {
      stateDir = v;
      return this;
    }

    Builder topicPrefix(String v) {
      topicPrefix = v;
      return this;
    }

    Builder slot(String v) {
      slot = v;
      return this;
    }

    Builder publication(String v) {
      publication = v;
      return this;
    }

    Builder offsetFlushMs(long v) {
      offsetFlushMs = v;
      return this;
    }

    Builder tables(List<String> v) {
      tables = v;
      return this;
    }

    CdcSettings build() {
      return new CdcSettings(
          pgHost,
          pgPort,
          pgDatabase,
          pgUser,
          pgPassword,
          kafkaBootstrap,
          stateDir,
          topicPrefix,
          slot,
          publication,
          offsetFlushMs,
          tables);
    }
  }
}
