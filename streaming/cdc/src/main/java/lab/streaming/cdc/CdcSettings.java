package lab.streaming.cdc;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validated settings of the CDC capture program: where PostgreSQL and Kafka are, what to capture
 * and where to keep the offsets. Every check names the command-line flag to fix.
 *
 * @param tables captured tables as {@code schema.table}
 * @param offsetFlushMs how often Debezium writes its offsets file; 0 writes after every batch
 */
public record CdcSettings(
    String pgHost,
    int pgPort,
    String pgDatabase,
    String pgUser,
    String pgPassword,
    String kafkaBootstrap,
    Path stateDir,
    String topicPrefix,
    String slot,
    String publication,
    long offsetFlushMs,
    List<String> tables) {

  /** Name of the offsets file inside the state directory. */
  public static final String OFFSETS_FILE = "offsets.dat";

  // Unquoted SQL identifiers only: Debezium matches table.include.list as regular expressions and
  // turns schema and table names into topic names, so anything fancier is a trap.
  private static final Pattern TABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");
  // PostgreSQL: slot names are lower case, digits and underscores; names are at most 63 bytes.
  private static final Pattern SLOT = Pattern.compile("[a-z0-9_]{1,63}");
  private static final Pattern PUBLICATION = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int MAX_TOPIC_LENGTH = 249;

  /** Checks every setting; the message of the exception names the flag and what to set it to. */
  public CdcSettings {
    pgHost = nonBlank(pgHost, "--pg-host", "a host name or IP address of PostgreSQL");
    if (pgPort < 1 || pgPort > 65_535) {
      throw new IllegalArgumentException(
          "--pg-port must be a TCP port between 1 and 65535, got " + pgPort);
    }
    pgDatabase = nonBlank(pgDatabase, "--pg-database", "the database that holds the shop");
    pgUser = nonBlank(pgUser, "--pg-user", "a PostgreSQL user with the REPLICATION attribute");
    pgPassword = Objects.requireNonNullElse(pgPassword, "");
    kafkaBootstrap = bootstrap(kafkaBootstrap);
    if (stateDir == null) {
      throw new IllegalArgumentException(
          "--state-dir is required: the directory where the offsets are kept between runs");
    }
    stateDir = stateDir.toAbsolutePath().normalize();
    topicPrefix = nonBlank(topicPrefix, "--topic-prefix", "a Kafka topic name prefix such as shop");
    if (!TOPIC_PREFIX.matcher(topicPrefix).matches()) {
      throw new IllegalArgumentException(
          "--topic-prefix may contain only letters, digits, '.', '_' and '-', got '"
              + topicPrefix
              + "'");
    }
    slot = nonBlank(slot, "--slot", "a replication slot name such as lab_shop");
    if (!SLOT.matcher(slot).matches()) {
      throw new IllegalArgumentException(
          "--slot must be 1-63 lower-case letters, digits or '_' (a PostgreSQL replication slot"
              + " name), got '"
              + slot
              + "'");
    }
    publication = nonBlank(publication, "--publication", "a publication name such as lab_pub");
    if (!PUBLICATION.matcher(publication).matches()) {
      throw new IllegalArgumentException(
          "--publication must be a lower-case SQL identifier of at most 63 characters, got '"
              + publication
              + "'");
    }
    if (offsetFlushMs < 0) {
      throw new IllegalArgumentException(
          "--offset-flush-ms must be 0 or more milliseconds, got " + offsetFlushMs);
    }
    tables = tables(tables, topicPrefix);
  }

  /** JDBC URL of the captured database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + pgDatabase;
  }

  /** The Kafka topic Debezium writes a captured table's events to: prefix.schema.table. */
  public String topicOf(String table) {
    return topicPrefix + "." + table;
  }

  /** One topic per captured table, in the order of {@link #tables()}. */
  public List<String> topics() {
    return tables.stream().map(this::topicOf).toList();
  }

  /** The file where Debezium keeps its offsets (source positions) between runs. */
  public Path offsetsFile() {
    return stateDir.resolve(OFFSETS_FILE);
  }

  private static String nonBlank(String value, String flag, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(flag + " must not be empty: set it to " + what);
    }
    return value.strip();
  }

  private static String bootstrap(String value) {
    String v = nonBlank(value, "--kafka-bootstrap", "host:port of a Kafka broker");
    for (String server : v.split(",", -1)) {
      String s = server.strip();
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || !isPort(s.substring(colon + 1))) {
        throw new IllegalArgumentException(
            "--kafka-bootstrap must be host:port[,host:port...], e.g. 127.0.0.1:9092, got '"
                + v
                + "'");
      }
    }
    return v;
  }

  private static boolean isPort(String digits) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65_535;
  }

  private static List<String> tables(List<String> tables, String topicPrefix) {
    if (tables == null || tables.isEmpty()) {
      throw new IllegalArgumentException(
          "--tables must name at least one table as schema.table, e.g. public.orders");
    }
    List<String> stripped = tables.stream().map(t -> t == null ? "" : t.strip()).toList();
    var seen = new HashSet<String>();
    for (String t : stripped) {
      if (!TABLE.matcher(t).matches()) {
        throw new IllegalArgumentException(
            "--tables entries must be schema.table with plain SQL identifiers, e.g."
                + " public.orders, got '"
                + t
                + "'");
      }
      if (!seen.add(t)) {
        throw new IllegalArgumentException("--tables lists '" + t + "' twice");
      }
      if (topicPrefix.length() + 1 + t.length() > MAX_TOPIC_LENGTH) {
        throw new IllegalArgumentException(
            "--topic-prefix and --tables make the topic name '"
                + topicPrefix
                + "."
                + t
                + "' longer than Kafka's 249 characters");
      }
    }
    return stripped;
  }
}
