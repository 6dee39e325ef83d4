package lab.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the lab keeps its state and how it reaches PostgreSQL and Kafka: either services it runs
 * itself (embedded, on 127.0.0.1) or existing ones given by URL, in which case it starts neither.
 *
 * <p>Built from defaults, then the environment ({@code LAB_*}), then command-line flags; a bad
 * value fails here, naming the setting and how to change it.
 *
 * @param root the checkout (where the modules' build output is)
 * @param home the lab home: service data, logs, pid files, the warehouse
 * @param externalPgUrl a JDBC URL of an existing PostgreSQL, or null to run the embedded one
 * @param externalKafka host:port of an existing Kafka, or null to run the embedded broker
 * @param sparkMaster where the Spark job runs: {@code local[2]} in its own JVM (the default), or a
 *     standalone cluster's {@code spark://host:port} (the compose lab's master)
 */
public record LabSettings(
    Path root,
    Path home,
    int pgPort,
    int kafkaPort,
    int kafkaControllerPort,
    String externalPgUrl,
    String pgUser,
    String pgPassword,
    String externalKafka,
    String sparkMaster) {

  public static final int DEFAULT_PG_PORT = 15432;
  public static final int DEFAULT_KAFKA_PORT = 19092;
  public static final String SHOP_DATABASE = "shop";
  public static final String REPLICATION_SLOT = "lab_shop";
  public static final String DEFAULT_SPARK_MASTER = "local[2]";

  public LabSettings {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(home, "home");
    root = root.toAbsolutePath().normalize();
    home = home.toAbsolutePath().normalize();
    checkPort(pgPort, "--pg-port / LAB_PG_PORT");
    checkPort(kafkaPort, "--kafka-port / LAB_KAFKA_PORT");
    checkPort(kafkaControllerPort, "--kafka-port / LAB_KAFKA_PORT (the controller uses port + 1)");
    if (externalPgUrl != null && !externalPgUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "--pg-url / LAB_PG_URL must look like jdbc:postgresql://host:5432/shop, got '"
              + externalPgUrl
              + "'");
    }
    if (externalKafka != null && !externalKafka.matches("[^:,\\s]+:\\d+(,[^:,\\s]+:\\d+)*")) {
      throw new IllegalArgumentException(
          "--kafka-bootstrap / LAB_KAFKA_BOOTSTRAP must be host:port, got '" + externalKafka + "'");
    }
    Objects.requireNonNull(pgUser, "pgUser");
    pgPassword = pgPassword == null ? "" : pgPassword;
    sparkMaster = sparkMaster == null ? DEFAULT_SPARK_MASTER : sparkMaster;
    if (!sparkMaster.matches("local(\\[(\\d+|\\*)])?|spark://[^:,\\s]+:\\d+")) {
      throw new IllegalArgumentException(
          "--spark-master / LAB_SPARK_MASTER must be local[N] or spark://host:port, got '"
              + sparkMaster
              + "'");
    }
  }

  /** Defaults overridden by the environment; flags are applied by the CLI on top. */
  public static LabSettings fromEnvironment(Path root, Map<String, String> env) {
    Path home = Optional.ofNullable(env.get("LAB_HOME")).map(Path::of).orElse(root.resolve(".lab"));
    int kafkaPort = intEnv(env, "LAB_KAFKA_PORT", DEFAULT_KAFKA_PORT);
    return new LabSettings(
        root,
        home,
        intEnv(env, "LAB_PG_PORT", DEFAULT_PG_PORT),
        kafkaPort,
        kafkaPort + 1,
        env.get("LAB_PG_URL"),
        env.getOrDefault("LAB_PG_USER", "postgres"),
        env.getOrDefault("LAB_PG_PASSWORD", ""),
        env.get("LAB_KAFKA_BOOTSTRAP"),
        env.get("LAB_SPARK_MASTER"));
  }

  /** A copy with other values; null arguments keep the current value. */
  public LabSettings with(
      Path home,
      Integer pgPort,
      Integer kafkaPort,
      String pgUrl,
      String pgUser,
      String pgPassword,
      String kafka) {
    int kp = kafkaPort != null ? kafkaPort : this.kafkaPort;
    return new LabSettings(
        root,
        home != null ? home : this.home,
        pgPort != null ? pgPort : this.pgPort,
        kp,
        kafkaPort != null ? kp + 1 : kafkaControllerPort,
        pgUrl != null ? pgUrl : externalPgUrl,
        pgUser != null ? pgUser : this.pgUser,
        pgPassword != null ? pgPassword : this.pgPassword,
        kafka != null ? kafka : externalKafka,
        sparkMaster);
  }

  /** A copy whose Spark job runs on another master; null keeps the current one. */
  public LabSettings withSparkMaster(String master) {
    return new LabSettings(
        root,
        home,
        pgPort,
        kafkaPort,
        kafkaControllerPort,
        externalPgUrl,
        pgUser,
        pgPassword,
        externalKafka,
        master != null ? master : sparkMaster);
  }

  /** True if the Spark job runs in its own JVM rather than on a cluster's executors. */
  public boolean localSpark() {
    return sparkMaster.startsWith("local");
  }

  public boolean embeddedPostgres() {
    return externalPgUrl == null;
  }

  public boolean embeddedKafka() {
    return externalKafka == null;
  }

  /** JDBC URL of the shop database. */
  public String shopJdbcUrl() {
    return embeddedPostgres()
        ? "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + SHOP_DATABASE
        : externalPgUrl;
  }

  /** JDBC URL of the server's maintenance database (to create or drop the shop database). */
  public String adminJdbcUrl() {
    URI uri = URI.create(shopJdbcUrl().substring("jdbc:".length()));
    return "jdbc:postgresql://" + uri.getHost() + ":" + pgPortOrDefault(uri) + "/postgres";
  }

  public String pgHost() {
    return URI.create(shopJdbcUrl().substring("jdbc:".length())).getHost();
  }

  public int pgServerPort() {
    return pgPortOrDefault(URI.create(shopJdbcUrl().substring("jdbc:".length())));
  }

  public String shopDatabase() {
    String path = URI.create(shopJdbcUrl().substring("jdbc:".length())).getPath();
    return path == null || path.length() <= 1 ? SHOP_DATABASE : path.substring(1);
  }

  public String kafkaBootstrap() {
    return embeddedKafka() ? "127.0.0.1:" + kafkaPort : externalKafka;
  }

  public Path logs() {
    return home.resolve("logs");
  }

  public Path pids() {
    return home.resolve("run");
  }

  public Path postgresData() {
    return home.resolve("postgres");
  }

  public Path kafkaData() {
    return home.resolve("kafka");
  }

  public Path cdcState() {
    return home.resolve("cdc");
  }

  public Path etlCheckpoint() {
    return home.resolve("etl").resolve("checkpoint");
  }

  public Path warehouseFile() {
    return home.resolve("warehouse").resolve("shop_star.duckdb");
  }

  /** The read-only copy the ETL publishes for readers while it holds the warehouse. */
  public Path warehouseSnapshot() {
    return home.resolve("warehouse").resolve("shop_star.snapshot.duckdb");
  }

  /** The file drop the ETL reads FX rates from, its second source. */
  public Path fxDrop() {
    return home.resolve("drop").resolve("fx");
  }

  /** The DuckDB copy of the shop that {@code lab oltp} runs the OLTP mix on. */
  public Path oltpDuckDbFile() {
    return home.resolve("oltp").resolve("shop_oltp.duckdb");
  }

  private static int pgPortOrDefault(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : 5432;
  }

  private static void checkPort(int port, String setting) {
    if (port < 1024 || port > 65535) {
      throw new IllegalArgumentException(
          setting + " must be a port between 1024 and 65535, got " + port);
    }
  }

  private static int intEnv(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
    }
  }
}
