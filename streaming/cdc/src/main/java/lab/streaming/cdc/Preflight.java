package lab.streaming.cdc;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up checks that turn an absent PostgreSQL or Kafka into one clear line instead of a Debezium
 * stack trace, and creates the per-table topics (1 partition, replication factor 1).
 */
final class Preflight {

  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
  private static final int PG_TIMEOUT_SECONDS = 15;

  private Preflight() {}

  /** Creates the state directory, so a bad path fails now rather than at the first flush. */
  static void prepareStateDir(CdcSettings settings) throws PreflightException {
    try {
      Files.createDirectories(settings.stateDir());
    } catch (IOException e) {
      throw new PreflightException(
          "cannot create --state-dir "
              + settings.stateDir()
              + " ("
              + e
              + "); point it at a writable directory",
          e);
    }
  }

  /** Connects once with plain JDBC and checks that the server can do logical decoding. */
  static void checkPostgres(CdcSettings settings) throws PreflightException {
    Properties props = new Properties();
    props.setProperty("user", settings.pgUser());
    props.setProperty("password", settings.pgPassword());
    props.setProperty("connectTimeout", Integer.toString(PG_TIMEOUT_SECONDS));
    props.setProperty("loginTimeout", Integer.toString(PG_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Integer.toString(PG_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "lab-cdc-preflight");
    try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), props)) {
      String walLevel = walLevel(c);
      if (!"logical".equals(walLevel)) {
        throw new PreflightException(
            "PostgreSQL at "
                + settings.jdbcUrl()
                + " has wal_level="
                + walLevel
                + "; CDC needs wal_level=logical: set it in postgresql.conf and restart"
                + " PostgreSQL",
            null);
      }
      warnAboutMissingTables(c, settings);
      warnIfSlotIsGone(c, settings);
    } catch (SQLException e) {
      throw new PreflightException(
          "cannot connect to PostgreSQL at "
              + settings.jdbcUrl()
              + " as user '"
              + settings.pgUser()
              + "' ("
              + e.getMessage()
              + "); start PostgreSQL or fix --pg-host/--pg-port/--pg-database/--pg-user/"
              + "--pg-password",
          e);
    }
  }

  /** Checks that Kafka answers and creates the missing topics, one per captured table. */
  static void ensureTopics(CdcSettings settings) throws PreflightException {
    Admin admin;
    try {
      admin = Admin.create(KafkaClientConfig.adminProperties(settings));
    } catch (KafkaException e) { // e.g. a bootstrap host name that does not resolve
      throw unreachable(settings, e);
    }
    try {
      get(admin.describeCluster().clusterId(), settings);
      Set<String> existing = get(admin.listTopics().names(), settings);
      List<NewTopic> missing =
          settings.topics().stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, 1, (short) 1))
              .toList();
      if (missing.isEmpty()) {
        LOG.info("Kafka at {} has all {} topics", settings.kafkaBootstrap(), existing.size());
        return;
      }
      createTopics(admin, missing, settings);
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }

  private static void createTopics(Admin admin, List<NewTopic> topics, CdcSettings settings)
      throws PreflightException {
    Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
    List<String> created = new ArrayList<>();
    for (Map.Entry<String, KafkaFuture<Void>> r : results.entrySet()) {
      try {
        r.getValue().get(KafkaClientConfig.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        created.add(r.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) { // another client was faster
          throw new PreflightException(
              "cannot create topic "
                  + r.getKey()
                  + " on Kafka at "
                  + settings.kafkaBootstrap()
                  + " ("
                  + e.getCause().getMessage()
                  + "); create it by hand with 1 partition or check the broker's log",
              e.getCause());
        }
      } catch (TimeoutException e) {
        throw unreachable(settings, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PreflightException("interrupted while creating the Kafka topics", e);
      }
    }
    LOG.info("Created topics {} on Kafka at {}", created, settings.kafkaBootstrap());
  }

  private static <T> T get(KafkaFuture<T> future, CdcSettings settings) throws PreflightException {
    try {
      return future.get(KafkaClientConfig.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw unreachable(settings, e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(settings, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreflightException("interrupted while waiting for Kafka", e);
    }
  }

  private static PreflightException unreachable(CdcSettings settings, Throwable cause) {
    String reason =
        cause == null
                || cause instanceof TimeoutException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException
            ? "no answer within " + KafkaClientConfig.ADMIN_TIMEOUT.toSeconds() + " s"
            : rootMessage(cause);
    return new PreflightException(
        "Kafka at "
            + settings.kafkaBootstrap()
            + " is unreachable ("
            + reason
            + "); start the Kafka broker or point --kafka-bootstrap at a running one",
        cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String walLevel(Connection c) throws SQLException {
    try (var st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW wal_level")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * A saved position without its slot cannot be resumed, so Debezium takes a fresh snapshot
   * (snapshot mode {@code when_needed}). Said here because the consequences are the user's to
   * judge: every row is sent again, which the warehouse absorbs by source position, but a row
   * deleted while nothing captured stays in the warehouse.
   */
  private static void warnIfSlotIsGone(Connection c, CdcSettings settings) throws SQLException {
    if (!Files.exists(settings.offsetsFile())) {
      return;
    }
    try (PreparedStatement st =
        c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
      st.setString(1, settings.slot());
      try (ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    LOG.warn(
        "The replication slot '{}' is gone (./lab down drops it so that it cannot pin WAL), so"
            + " the position saved in {} cannot be resumed: taking a fresh snapshot. Every row is"
            + " sent again and the warehouse keeps each row's latest version; rows deleted in the"
            + " shop while nothing captured stay in the warehouse (./lab load --reset or ./lab"
            + " demo start clean)",
        settings.slot(),
        settings.offsetsFile());
  }

  /**
   * Only a warning: the publication covers the tables that exist, and a table created later is
   * picked up once the capture restarts.
   */
  private static void warnAboutMissingTables(Connection c, CdcSettings settings)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      for (String table : settings.tables()) {
        st.setString(1, table);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            missing.add(table);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      LOG.warn(
          "Tables {} do not exist in {}: their changes are not captured until they exist and"
              + " the capture restarts",
          missing,
          settings.jdbcUrl());
    }
  }
}
