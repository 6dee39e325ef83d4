package lab.services;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import lab.config.LabSettings;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The lab's PostgreSQL: the embedded server (zonky's binaries, run as a real postmaster that
 * outlives the command that started it), or an existing server given by URL.
 *
 * <p>The embedded server is configured for CDC and durability: {@code wal_level=logical}, and
 * {@code fsync}/{@code synchronous_commit} on, because the embedded defaults turn them off, which
 * loses commits on a crash.
 */
public final class PostgresService {

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final LabSettings settings;

  public PostgresService(LabSettings settings) {
    this.settings = settings;
  }

  public String address() {
    return settings.shopJdbcUrl();
  }

  /** Starts the embedded server; returns false if it was already running. */
  public boolean start() {
    if (!settings.embeddedPostgres()) {
      requireReachable();
      return false;
    }
    if (postmaster().isPresent()) {
      return false;
    }
    Ports.requireFree(settings.pgPort(), "PostgreSQL", "--pg-port or LAB_PG_PORT");
    Path log = settings.logs().resolve("postgres.log");
    try {
      Files.createDirectories(settings.logs());
      Files.createDirectories(settings.postgresData());
      EmbeddedPostgres.builder()
          .setDataDirectory(settings.postgresData())
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .setPort(settings.pgPort())
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("wal_level", "logical")
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_replication_slots", "8")
          .setServerConfig("max_wal_senders", "8")
          .setServerConfig("max_connections", "60")
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException | RuntimeException e) {
      throw new LabException(
          "PostgreSQL did not start: " + e.getMessage() + " (see " + log + ")", e);
    }
    createShopDatabase();
    return true;
  }

  /** Creates the shop database if it does not exist. */
  public void createShopDatabase() {
    try (Connection c = connect(settings.adminJdbcUrl());
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, settings.shopDatabase());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + settings.shopDatabase() + "\"");
          }
        }
      }
    } catch (SQLException e) {
      throw new LabException("cannot create the shop database: " + e.getMessage(), e);
    }
  }

  /**
   * Drops and re-creates the shop database, with the lab's replication slot (a slot pins WAL and
   * belongs to the database, so it must go first).
   */
  public void recreateShopDatabase() {
    dropReplicationSlot();
    try (Connection c = connect(settings.adminJdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + settings.shopDatabase() + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new LabException("cannot drop the shop database: " + e.getMessage(), e);
    }
    createShopDatabase();
  }

  /** Drops the lab's replication slot if it exists and nothing is using it. */
  public boolean dropReplicationSlot() {
    try (Connection c = connect(settings.adminJdbcUrl());
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name = ? AND NOT active")) {
      ps.setString(1, LabSettings.REPLICATION_SLOT);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new LabException(
          "cannot drop the replication slot "
              + LabSettings.REPLICATION_SLOT
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Fast shutdown of the embedded server (SIGINT), SIGKILL if it does not stop in time. */
  public boolean stop() {
    Optional<ProcessHandle> pm = postmaster();
    if (pm.isEmpty()) {
      return false;
    }
    ProcessHandle p = pm.get();
    try {
      new ProcessBuilder(List.of("kill", "-INT", Long.toString(p.pid()))).start().waitFor();
      p.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      p.destroyForcibly();
    }
    return true;
  }

  public ServiceStatus status() {
    if (!settings.embeddedPostgres()) {
      return new ServiceStatus(
          "postgres",
          reachable() ? ServiceStatus.State.EXTERNAL_UP : ServiceStatus.State.EXTERNAL_DOWN,
          address(),
          -1,
          "external");
    }
    Optional<ProcessHandle> pm = postmaster();
    if (pm.isEmpty()) {
      return new ServiceStatus("postgres", ServiceStatus.State.DOWN, address(), -1, "");
    }
    boolean ok = reachable();
    return new ServiceStatus(
        "postgres",
        ok ? ServiceStatus.State.UP : ServiceStatus.State.UNHEALTHY,
        address(),
        pm.get().pid(),
        ok ? "accepting connections" : "process up, not accepting connections");
  }

  /** A connection to the shop database. */
  public Connection connectShop() throws SQLException {
    return connect(settings.shopJdbcUrl());
  }

  /** The shop database as a DataSource, for Flyway's migrations (it opens its own connections). */
  public DataSource shopDataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(settings.shopJdbcUrl());
    ds.setUser(settings.pgUser());
    ds.setPassword(settings.pgPassword());
    ds.setConnectTimeout(5);
    ds.setApplicationName("lab");
    return ds;
  }

  public boolean reachable() {
    try (Connection c = connect(settings.adminJdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private void requireReachable() {
    try (Connection c = connect(settings.shopJdbcUrl())) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new LabException(
          "PostgreSQL at "
              + settings.shopJdbcUrl()
              + " is unreachable ("
              + e.getMessage()
              + "); check --pg-url / LAB_PG_URL, or unset it to use the lab's embedded PostgreSQL");
    }
  }

  private Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", settings.pgUser());
    p.setProperty("password", settings.pgPassword());
    p.setProperty("connectTimeout", "5");
    p.setProperty("ApplicationName", "lab");
    return DriverManager.getConnection(url, p);
  }

  /** The running postmaster, from its own pid file in the data directory. */
  private Optional<ProcessHandle> postmaster() {
    Path pidFile = settings.postgresData().resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(pidFile).get(0).strip();
      return ProcessHandle.of(Long.parseLong(first))
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
