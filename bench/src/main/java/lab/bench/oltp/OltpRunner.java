package lab.bench.oltp;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the OLTP mix with N clients, each a thread with its own connection, for a time or a count of
 * transactions, and measures throughput and latency per transaction type with HdrHistogram.
 * Conflicts and deadlocks are retried and counted; a lost connection is re-opened once, and if that
 * fails the run stops with a message saying what is safe and what to check.
 */
public final class OltpRunner {

  private static final Logger log = LoggerFactory.getLogger(OltpRunner.class);

  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  /**
   * Runs the mix and returns what it measured. Every connection is opened (and the shop inspected)
   * before the clock starts; all are closed when the run ends.
   *
   * @param progress called about once a second, on the calling thread
   * @throws SQLException if a connection cannot be opened at the start
   * @throws ShopNotReadyException if the shop lacks the V2 data the transactions need
   */
  public OltpResult run(
      OltpConfig config,
      OltpDialect dialect,
      ConnectionFactory factory,
      Consumer<OltpProgress> progress)
      throws SQLException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(progress, "progress");
    List<Connection> connections = openAll(config.clients(), dialect, factory);
    ShopShape shop;
    try {
      shop = ShopShape.inspect(connections.get(0));
    } catch (SQLException | RuntimeException e) {
      connections.forEach(OltpRunner::closeQuietly);
      throw e;
    }
    log.info(
        "oltp run on {}: {} clients, {}, warm-up {}, seed {}; customers 1..{}, products 1..{},"
            + " orders 1..{}, {} stores, {} warehouses",
        dialect.label(),
        config.clients(),
        config.counted() ? config.transactions() + " transactions" : config.duration(),
        config.warmup(),
        config.seed(),
        shop.maxCustomerId(),
        shop.maxProductId(),
        shop.maxOrderId(),
        shop.shops().size(),
        shop.warehouses().size());
    return new Run(config, dialect, factory, shop).execute(connections, progress);
  }

  private static List<Connection> openAll(int n, OltpDialect dialect, ConnectionFactory factory)
      throws SQLException {
    List<Connection> connections = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        Connection c = factory.open();
        connections.add(c);
        dialect.configure(c);
      }
      return connections;
    } catch (SQLException | RuntimeException e) {
      connections.forEach(OltpRunner::closeQuietly);
      throw e;
    }
  }

  static void closeQuietly(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException | RuntimeException ignored) {
      // A lost connection cannot roll back; the server has already done so.
    }
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // Closing a dead connection is best effort.
    }
  }

  /** The state one run shares between its clients and the thread that reports progress. */
  private static final class Run {
    final OltpConfig config;
    final OltpDialect dialect;
    final ConnectionFactory factory;
    final ShopShape shop;
    final AtomicLong maxOrderId;
    final AtomicLong tickets;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicReference<String> stopReason = new AtomicReference<>();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final LongAdder warmupCompleted = new LongAdder();
    final LongAdder measuredCompleted = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder failures = new LongAdder();
    long startNanos;
    long measureStartNanos;
    long endNanos;

    Run(OltpConfig config, OltpDialect dialect, ConnectionFactory factory, ShopShape shop) {
      this.config = config;
      this.dialect = dialect;
      this.factory = factory;
      this.shop = shop;
      this.maxOrderId = new AtomicLong(shop.maxOrderId());
      this.tickets = new AtomicLong(config.transactions());
    }

    OltpResult execute(List<Connection> connections, Consumer<OltpProgress> progress)
        throws SQLException {
      int n = connections.size();
      CountDownLatch done = new CountDownLatch(n);
      AtomicInteger threadNo = new AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              n,
              r -> {
                Thread t = new Thread(r, "oltp-client-" + threadNo.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      Duration cpuBefore = processCpu();
      startNanos = System.nanoTime();
      measureStartNanos = startNanos + config.warmup().toNanos();
      endNanos =
          config.counted()
              ? Long.MAX_VALUE
              : measureStartNanos + Math.min(config.duration().toNanos(), Long.MAX_VALUE / 4);
      // One stream per client, split in client order from the seed: a run's choices repeat.
      SplittableRandom root = new SplittableRandom(config.seed());
      List<Future<ClientStats>> futures = new ArrayList<>(n);
      try {
        for (int i = 0; i < n; i++) {
          Client client = new Client(this, i, connections.get(i), root.split(), done);
          futures.add(pool.submit(client));
        }
        report(done, progress);
      } finally {
        pool.shutdown();
      }
      long finished = System.nanoTime();
      Duration cpuAfter = processCpu();
      List<ClientStats> stats = new ArrayList<>(n);
      for (Future<ClientStats> f : futures) {
        stats.add(result(f));
      }
      Duration measured = Duration.ofNanos(Math.max(0, finished - measureStartNanos));
      Duration cpu = cpuBefore == null || cpuAfter == null ? null : cpuAfter.minus(cpuBefore);
      return merge(stats, measured, cpu);
    }

    /** Waits for the clients, reporting progress once a second; an interrupt stops the run. */
    private void report(CountDownLatch done, Consumer<OltpProgress> progress) {
      long next = startNanos + ONE_SECOND_NANOS;
      long lastNanos = startNanos;
      long lastTotal = 0;
      try {
        while (!done.await(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          long now = System.nanoTime();
          long total = warmupCompleted.sum() + measuredCompleted.sum();
          boolean warming = now < measureStartNanos;
          progress.accept(
              new OltpProgress(
                  Duration.ofNanos(now - startNanos),
                  warming,
                  warming ? warmupCompleted.sum() : measuredCompleted.sum(),
                  (total - lastTotal) * 1e9 / Math.max(1, now - lastNanos),
                  retries.sum(),
                  failures.sum()));
          lastNanos = now;
          lastTotal = total;
          while (next <= now) {
            next += ONE_SECOND_NANOS;
          }
        }
      } catch (InterruptedException e) {
        // Stop the clients after their current transaction, and keep the flag for our caller.
        stop.set(true);
        Thread.currentThread().interrupt();
        awaitUninterruptibly(done);
      }
    }

    private static void awaitUninterruptibly(CountDownLatch done) {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException again) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private static ClientStats result(Future<ClientStats> f) throws SQLException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while collecting the clients' results", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SQLException s) {
          throw s;
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("an OLTP client failed", e.getCause());
      }
    }

    private OltpResult merge(List<ClientStats> stats, Duration measured, Duration cpu) {
      List<TypeStats> perType = new ArrayList<>();
      Histogram all = new Histogram(3);
      long rollbacks = 0;
      long retried = 0;
      long failed = 0;
      Effects effects = Effects.NONE;
      long inDoubt = 0;
      long reconnects = 0;
      for (ClientStats s : stats) {
        effects = effects.plus(s.effects);
        inDoubt += s.inDoubt;
        reconnects += s.reconnects;
      }
      for (TxType type : TxType.values()) {
        Histogram h = new Histogram(3);
        long rb = 0;
        long rt = 0;
        long fl = 0;
        for (ClientStats s : stats) {
          h.add(s.latencies.get(type));
          rb += s.rollbacks[type.ordinal()];
          rt += s.retries[type.ordinal()];
          fl += s.failures[type.ordinal()];
        }
        perType.add(TypeStats.of(type.label(), h, rb, rt, fl));
        all.add(h);
        rollbacks += rb;
        retried += rt;
        failed += fl;
      }
      return new OltpResult(
          dialect.label(),
          config.clients(),
          perType,
          TypeStats.of("total", all, rollbacks, retried, failed),
          measured,
          config.warmup(),
          effects,
          reconnects,
          inDoubt,
          cpu,
          Optional.ofNullable(firstFailure.get()),
          Optional.ofNullable(stopReason.get()));
    }

    void stopBecause(String reason) {
      if (stopReason.compareAndSet(null, reason)) {
        log.error("oltp run stopped: {}", reason);
      }
      stop.set(true);
    }

    String elapsed() {
      return String.format(java.util.Locale.US, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
  }

  /** One client: a thread with its own connection, random stream and figures. */
  private static final class Client implements java.util.concurrent.Callable<ClientStats> {
    private final Run run;
    private final int index;
    private final SplittableRandom random;
    private final CountDownLatch done;
    private final ClientStats stats = new ClientStats();
    private Connection c;
    private OltpTransactions tx;

    Client(Run run, int index, Connection c, SplittableRandom random, CountDownLatch done) {
      this.run = run;
      this.index = index;
      this.c = c;
      this.random = random;
      this.done = done;
      this.tx = new OltpTransactions(c, run.dialect, run.shop, run.maxOrderId);
    }

    @Override
    public ClientStats call() {
      try {
        while (!run.stop.get() && !Thread.currentThread().isInterrupted()) {
          long now = System.nanoTime();
          boolean measured = now >= run.measureStartNanos;
          if (measured
              && (run.config.counted()
                  ? run.tickets.getAndDecrement() <= 0
                  : now >= run.endNanos)) {
            break;
          }
          TxType type = run.config.mix().draw(random);
          long txSeed = random.nextLong();
          if (!runOne(type, txSeed, measured)) {
            break;
          }
        }
        return stats;
      } finally {
        tx.close();
        closeQuietly(c);
        done.countDown();
      }
    }

    /** Runs one transaction with its retries; false if the run must stop. */
    private boolean runOne(TxType type, long txSeed, boolean measured) {
      long started = System.nanoTime();
      int retried = 0;
      while (true) {
        try {
          // The same seed on every attempt: a retry makes the same choices.
          OltpTransactions.Outcome outcome = tx.run(type, new SplittableRandom(txSeed));
          stats.completed(type, measured, (System.nanoTime() - started) / 1_000, outcome, retried);
          (measured ? run.measuredCompleted : run.warmupCompleted).increment();
          return true;
        } catch (SQLException e) {
          if (run.dialect.isRetryable(e) && retried < run.config.maxRetries()) {
            retried++;
            run.retries.increment();
            continue;
          }
          stats.failed(type, measured, retried);
          run.failures.increment();
          boolean lost = OltpDialect.isConnectionLost(e, c);
          if (lost && e instanceof OltpTransactions.CommitFailed) {
            stats.inDoubt++;
          }
          if (run.firstFailure.compareAndSet(null, type.label() + ": " + e.getMessage())) {
            log.warn("oltp {} failed on client {}: {}", type.label(), index + 1, e.getMessage());
          }
          return !lost || reconnect(e);
        } catch (RuntimeException e) {
          run.stopBecause(
              "client " + (index + 1) + " failed unexpectedly in " + type.label() + ": " + e);
          throw e;
        }
      }
    }

    /** Opens one new connection in place of a lost one; false (and the run stops) if it fails. */
    private boolean reconnect(SQLException lost) {
      tx.close();
      closeQuietly(c);
      try {
        Connection fresh = run.factory.open();
        try {
          run.dialect.configure(fresh);
        } catch (SQLException | RuntimeException e) {
          closeQuietly(fresh);
          throw e;
        }
        c = fresh;
        tx = new OltpTransactions(c, run.dialect, run.shop, run.maxOrderId);
        stats.reconnects++;
        log.warn(
            "oltp client {} lost its connection ({}) and reconnected",
            index + 1,
            lost.getMessage());
        return true;
      } catch (SQLException | RuntimeException again) {
        run.stopBecause(lostMessage(lost, again));
        return false;
      }
    }

    private String lostMessage(SQLException lost, Exception again) {
      return "client "
          + (index + 1)
          + " of "
          + run.config.clients()
          + " lost its connection to "
          + run.factory.describe()
          + " after "
          + run.elapsed()
          + " ("
          + lost.getMessage()
          + ") and could not reconnect ("
          + again.getMessage()
          + "). Committed work is intact: each transaction commits whole or not at all, and the"
          + " ones in flight were rolled back, except that one whose COMMIT was cut off may have"
          + " committed (counted as in doubt). Check that the database is running and reachable at "
          + run.factory.describe()
          + ", then run again.";
    }
  }

  private static Duration processCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(null);
  }
}
