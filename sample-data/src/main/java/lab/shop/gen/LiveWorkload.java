package lab.shop.gen;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a paced stream of OLTP business actions into a seeded shop over one or more connections,
 * the source for change capture. Each client has its own connection, its own share of the rate and
 * its own seeded random stream; every action is one transaction, committed whole or not at all.
 */
public final class LiveWorkload {

  /** Opens a new connection to the shop, for each client and for reconnecting. */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }

  /** The most clients a run may have; more would only queue on two cores. */
  public static final int MAX_CONNECTIONS = 64;

  private static final Logger log = LoggerFactory.getLogger(LiveWorkload.class);

  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  // A pause longer than this (a GC, a checkpoint) is not made up with a burst afterwards.
  private static final long MAX_BACKLOG_NANOS = ONE_SECOND_NANOS;

  private static final int MAX_RETRIES = 5;

  /** One client on the caller's connection; see the main overload. */
  public LiveSummary run(
      Connection c,
      double txPerSecond,
      Duration duration,
      long seed,
      Consumer<LiveSummary> progress)
      throws SQLException {
    Objects.requireNonNull(c, "c");
    boolean[] handedOut = {false};
    ConnectionSource once =
        () -> {
          if (handedOut[0]) {
            throw new SQLException("the caller's connection was lost; no reconnect", "08003");
          }
          handedOut[0] = true;
          return c;
        };
    return run(once, false, 1, txPerSecond, duration, seed, progress);
  }

  /**
   * Runs actions at {@code txPerSecond} in all over {@code connections} clients until {@code
   * duration} has passed or the calling thread is interrupted (Ctrl-C; the interrupt flag stays
   * set). About 55% are new orders; the rest pay, ship, deliver, cancel and return orders, change
   * prices, move, update, sign up and erase customers, import CRM members and restock stores.
   *
   * <p>Serialization failures and deadlocks are retried (and counted); a lost connection is
   * replaced once. Anything else stops every client; what was committed stays committed, and
   * nothing is half-written because every action is one transaction.
   *
   * @param progress called about once a second with the totals so far, on the calling thread
   * @throws SQLException if a client fails for good; the message says which client and why
   * @throws IllegalStateException if the shop has no customers, products or stores
   */
  public LiveSummary run(
      ConnectionSource connect,
      int connections,
      double txPerSecond,
      Duration duration,
      long seed,
      Consumer<LiveSummary> progress)
      throws SQLException {
    return run(connect, true, connections, txPerSecond, duration, seed, progress);
  }

  private LiveSummary run(
      ConnectionSource connect,
      boolean ownsConnections,
      int connections,
      double txPerSecond,
      Duration duration,
      long seed,
      Consumer<LiveSummary> progress)
      throws SQLException {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(progress, "progress");
    if (!(txPerSecond > 0) || Double.isInfinite(txPerSecond)) {
      throw new IllegalArgumentException("--rate must be a positive number, got " + txPerSecond);
    }
    if (connections < 1 || connections > MAX_CONNECTIONS) {
      throw new IllegalArgumentException(
          "--connections must be between 1 and " + MAX_CONNECTIONS + ", got " + connections);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, got " + duration);
    }
    Totals totals = new Totals(connections);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<SQLException> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long durationNanos = nanos(duration);
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      clients.add(
          new Client(
              i,
              connect,
              ownsConnections,
              txPerSecond / connections,
              new Schedule(seed, start, durationNanos),
              totals,
              stop,
              failure));
    }
    // Open every connection first, so a bad server fails the run before anything is written.
    for (Client client : clients) {
      try {
        client.open();
      } catch (SQLException | RuntimeException e) {
        clients.forEach(Client::closeQuietly);
        throw e;
      }
    }
    log.info(
        "live workload: {} tx/s over {} connection(s) for {} with seed {}",
        txPerSecond,
        connections,
        duration,
        seed);
    List<Thread> threads = new ArrayList<>();
    for (Client client : clients) {
      Thread t = new Thread(client, "live-client-" + client.number);
      t.start();
      threads.add(t);
    }
    boolean interrupted = false;
    long nextReport = start + ONE_SECOND_NANOS;
    while (threads.stream().anyMatch(Thread::isAlive)) {
      if (Thread.currentThread().isInterrupted()) {
        interrupted = true;
        stop.set(true);
      }
      long now = System.nanoTime();
      if (now >= nextReport && !stop.get()) {
        progress.accept(totals.snapshot(now - start));
        nextReport += ONE_SECOND_NANOS;
      }
      // parkNanos returns at once if interrupted, then the loop sees the flag and stops clients.
      LockSupport.parkNanos(
          interrupted ? 10_000_000L : Math.min(100_000_000L, Math.max(1, nextReport - now)));
      if (interrupted) {
        Thread.interrupted(); // clear, so the waits above park; set again before returning
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    LiveSummary summary = totals.snapshot(System.nanoTime() - start);
    if (failure.get() != null) {
      throw failure.get();
    }
    if (summary.elapsed().compareTo(Duration.ofSeconds(1)) >= 0
        && summary.txPerSecond() < 0.9 * txPerSecond) {
      // Each connection waits for every commit to be flushed, which caps what it can reach.
      log.warn(
          "live workload fell behind: {} tx/s achieved of {} asked; use more --connections or a"
              + " lower --rate",
          String.format(Locale.ROOT, "%.1f", summary.txPerSecond()),
          txPerSecond);
    }
    log.info(
        "live workload finished{}: {} transactions, {} tx/s achieved, {} retries",
        interrupted ? " (interrupted)" : "",
        summary.transactions(),
        String.format(Locale.ROOT, "%.1f", summary.txPerSecond()),
        summary.retries());
    return summary;
  }

  /** What every client shares: the seed, the start on the monotonic clock, and the length. */
  private record Schedule(long seed, long start, long durationNanos) {}

  /** One client: a connection, its share of the rate, its own random stream. */
  private static final class Client implements Runnable {
    private final int number;
    private final ConnectionSource connect;
    private final boolean ownsConnection;
    private final double rate;
    private final long seed;
    private final long start;
    private final long durationNanos;
    private final Totals totals;
    private final AtomicBoolean stop;
    private final AtomicReference<SQLException> failure;
    private Connection connection;
    private ShopTransactions shop;
    private boolean reconnected;

    Client(
        int number,
        ConnectionSource connect,
        boolean ownsConnection,
        double rate,
        Schedule schedule,
        Totals totals,
        AtomicBoolean stop,
        AtomicReference<SQLException> failure) {
      this.number = number;
      this.connect = connect;
      this.ownsConnection = ownsConnection;
      this.rate = rate;
      this.seed = schedule.seed();
      this.start = schedule.start();
      this.durationNanos = schedule.durationNanos();
      this.totals = totals;
      this.stop = stop;
      this.failure = failure;
    }

    void open() throws SQLException {
      connection = connect.open();
      connection.setAutoCommit(false);
      shop = ShopTransactions.open(connection);
    }

    @Override
    public void run() {
      Pacer pacer = new Pacer(rate, MAX_BACKLOG_NANOS);
      long n = 0;
      try {
        while (!stop.get()) {
          long elapsed = System.nanoTime() - start;
          if (elapsed >= durationNanos) {
            break;
          }
          long wait = pacer.nanosUntilDue(elapsed);
          if (wait > 0) {
            LockSupport.parkNanos(Math.min(wait, Math.min(100_000_000L, durationNanos - elapsed)));
            continue;
          }
          n++;
          // Drawn per client and action number, so the mix does not shift with what others do.
          SplittableRandom r = Seeds.random(seed, Seeds.LIVE_CLIENT, ((long) number << 40) | n);
          TransactionKind kind = TransactionKind.draw(r);
          totals.add(runWithRetries(kind, r, n));
          pacer.sent();
        }
      } catch (SQLException e) {
        failure.compareAndSet(null, e);
        stop.set(true);
      } catch (RuntimeException e) {
        failure.compareAndSet(
            null, new SQLException("live client " + number + " failed: " + e, "XX000", e));
        stop.set(true);
      } finally {
        closeQuietly();
      }
    }

    private Outcome runWithRetries(TransactionKind kind, SplittableRandom r, long n)
        throws SQLException {
      for (int attempt = 0; ; attempt++) {
        try {
          return shop.run(kind, r);
        } catch (SQLException e) {
          String state = e.getSQLState() == null ? "" : e.getSQLState();
          boolean conflict = state.equals("40001") || state.equals("40P01");
          if (conflict && attempt < MAX_RETRIES) {
            totals.retried();
            continue;
          }
          if (connectionLost(state) && !reconnected) {
            reconnected = true;
            log.warn(
                "live client {} lost its connection ({}); reconnecting once",
                number,
                e.getMessage());
            closeQuietly();
            try {
              open();
            } catch (SQLException again) {
              throw new SQLException(
                  "live client "
                      + number
                      + " lost its connection and could not reconnect ("
                      + again.getMessage()
                      + "); every transaction committed before is intact, the one in flight was"
                      + " rolled back. Check that PostgreSQL is up (./lab status).",
                  again.getSQLState(),
                  again);
            }
            continue;
          }
          throw new SQLException(
              "live client "
                  + number
                  + ", transaction #"
                  + n
                  + " ("
                  + kind
                  + ") failed and was rolled back: "
                  + e.getMessage(),
              e.getSQLState(),
              e);
        }
      }
    }

    // Class 08 is a broken connection; 57P01-57P03 a server that shut down or terminated it.
    private boolean connectionLost(String state) {
      boolean closed;
      try {
        closed = connection == null || connection.isClosed();
      } catch (SQLException e) {
        closed = true;
      }
      return closed
          || state.startsWith("08")
          || state.equals("57P01")
          || state.equals("57P02")
          || state.equals("57P03");
    }

    void closeQuietly() {
      try {
        if (shop != null) {
          shop.close();
        }
        if (connection != null) {
          connection.setAutoCommit(true);
          if (ownsConnection) {
            connection.close();
          }
        }
      } catch (SQLException e) {
        log.debug("closing live client {}: {}", number, e.getMessage());
      }
      shop = null;
      connection = null;
    }
  }

  private static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // more than 292 years: as good as forever
    }
  }
}
