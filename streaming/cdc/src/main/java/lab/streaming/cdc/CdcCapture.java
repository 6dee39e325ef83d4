package lab.streaming.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture's life: start-up checks, then the Debezium engine on the calling thread forwarding
 * the shop's changes to Kafka, until a signal stops it (exit 0) or the engine fails (exit 1).
 *
 * <p>On SIGTERM or Ctrl-C a shutdown hook closes the engine, which stores the offsets of what Kafka
 * acknowledged, waits for the main thread to close the producer, then ends the JVM with 0. Who
 * decides the exit code is settled once through {@link Phase}: the hook, or the main thread when
 * the program ends on its own (bad start, engine failure).
 */
final class CdcCapture {

  private static final Logger LOG = LoggerFactory.getLogger(CdcCapture.class);

  /** Engine start (connect, slot, publication) refuses to be interrupted; wait this long. */
  private static final Duration START_WAIT = Duration.ofSeconds(30);

  /** Stopping the tasks, committing offsets and closing the producer. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(10);

  private enum Phase {
    /** Start-up checks; nothing sent yet. */
    STARTING,
    /** The engine runs. */
    CAPTURING,
    /** A signal came: the shutdown hook stops everything and picks the exit code. */
    STOPPING,
    /** The program ends on its own: the main thread's exit code stands. */
    EXITING
  }

  private final CdcSettings settings;
  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.STARTING);

  /** Counted down once close() is allowed: polling started, or the engine already finished. */
  private final CountDownLatch closable = new CountDownLatch(1);

  /** Counted down when the engine has stopped and the producer is closed. */
  private final CountDownLatch finished = new CountDownLatch(1);

  private volatile DebeziumEngine<ChangeEvent<String, String>> engine;

  /** Why the capture failed, or null while it has not. */
  private volatile String failure;

  CdcCapture(CdcSettings settings) {
    this.settings = settings;
  }

  /** Checks, then captures until stopped; returns the exit code when the program ends itself. */
  int run() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "cdc-shutdown"));
    try {
      Preflight.prepareStateDir(settings);
      Preflight.checkPostgres(settings);
      Preflight.ensureTopics(settings);
    } catch (PreflightException e) {
      return exitOnOwn(Phase.STARTING, CdcMain.EXIT_CANNOT_START, e.getMessage());
    }
    if (!phase.compareAndSet(Phase.STARTING, Phase.CAPTURING)) {
      return CdcMain.EXIT_OK; // a signal came first; the hook ends the JVM
    }
    logWhereToStart();
    try {
      capture();
    } catch (RuntimeException | Error e) {
      // e.g. a bad engine configuration, or a LinkageError from a mixed-up classpath: caught so
      // that the exit code below says "failed" rather than the shutdown hook's 0
      failure = e.toString();
      LOG.error("The capture failed", e);
    } finally {
      closable.countDown();
      finished.countDown();
    }
    if (phase.get() == Phase.STOPPING) {
      return CdcMain.EXIT_OK; // stopped by a signal: the hook ends the JVM
    }
    if (failure == null) {
      LOG.error("The Debezium engine stopped although nobody asked it to");
      failure = "the Debezium engine stopped unexpectedly";
    }
    return exitOnOwn(Phase.CAPTURING, CdcMain.EXIT_FAILED, "the capture failed: " + failure);
  }

  private void capture() {
    Producer<String, String> producer =
        new KafkaProducer<>(KafkaClientConfig.producerProperties(settings));
    try (DeliveryProgress progress = DeliveryProgress.start()) {
      engine =
          DebeziumEngine.create(Json.class)
              .using(DebeziumConfig.engineProperties(settings))
              .using(completionCallback())
              .using(connectorCallback())
              .notifying(new KafkaForwarder(producer, progress))
              .build();
      if (phase.get() == Phase.CAPTURING) {
        engine.run(); // returns when the engine has stopped, by close() or by a failure
      }
    } finally {
      producer.close(PRODUCER_CLOSE); // after the engine, which may be sending until it stops
    }
  }

  /** Claims the exit for the main thread and says why on stderr, unless a signal came first. */
  private int exitOnOwn(Phase from, int code, String why) {
    if (!phase.compareAndSet(from, Phase.EXITING)) {
      return CdcMain.EXIT_OK; // stopped by a signal: the hook ends the JVM
    }
    System.err.println("cdc: " + PreflightException.oneLine(why));
    return code;
  }

  private DebeziumEngine.CompletionCallback completionCallback() {
    return (success, message, error) -> {
      if (success) {
        LOG.info("The Debezium engine stopped: {}", message);
        return;
      }
      failure = error != null ? error.toString() : message;
      // Debezium has already logged the stack trace
      if (phase.get() == Phase.STOPPING) {
        LOG.warn("The Debezium engine reported an error while stopping: {}", failure);
      } else {
        LOG.error("The Debezium engine failed: {}", failure);
      }
    };
  }

  private DebeziumEngine.ConnectorCallback connectorCallback() {
    return new DebeziumEngine.ConnectorCallback() {
      @Override
      public void pollingStarted() {
        LOG.info(
            "Capturing {} from {} into Kafka at {}",
            settings.tables(),
            settings.jdbcUrl(),
            settings.kafkaBootstrap());
        closable.countDown();
      }
    };
  }

  private void logWhereToStart() {
    if (Files.exists(settings.offsetsFile())) {
      LOG.info("Resuming from the offsets in {}", settings.offsetsFile());
    } else {
      LOG.info(
          "No offsets in {}: Debezium snapshots the tables first, then streams changes",
          settings.offsetsFile());
    }
  }

  /**
   * The shutdown hook. The JVM's own exit status for SIGTERM is 143; the lab expects 0 for a clean
   * stop, so the hook ends the JVM itself with {@code halt} once everything is closed. Log4j's own
   * shutdown hook is disabled in log4j2.xml so that these last log lines still get written.
   */
  private void onShutdown() {
    if (phase.compareAndSet(Phase.STARTING, Phase.STOPPING)) {
      LOG.info("Stop requested during the start-up checks; nothing was sent yet");
      Runtime.getRuntime().halt(CdcMain.EXIT_OK);
    }
    if (!phase.compareAndSet(Phase.CAPTURING, Phase.STOPPING)) {
      return; // the program is exiting on its own, with its own exit code
    }
    LOG.info("Stop requested: closing the Debezium engine (stores offsets), then Kafka producer");
    int code = CdcMain.EXIT_OK;
    try {
      if (!closable.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        // nothing was polled yet, so nothing was sent and no offset is owed: just leave
        LOG.warn(
            "The engine is still starting after {} s; exiting without closing it",
            START_WAIT.toSeconds());
        Runtime.getRuntime().halt(code);
      }
      closeEngine();
      if (finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.info("CDC capture stopped cleanly");
      } else {
        LOG.error(
            "The engine did not stop within {} s; events after the last stored offsets will be"
                + " sent again on the next start",
            STOP_WAIT.toSeconds());
        code = CdcMain.EXIT_FAILED;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = CdcMain.EXIT_FAILED;
    }
    Runtime.getRuntime().halt(code);
  }

  private void closeEngine() {
    DebeziumEngine<?> e = engine;
    if (e == null || finished.getCount() == 0) {
      return;
    }
    try {
      e.close();
    } catch (IOException | IllegalStateException ex) { // already stopping or stopped by itself
      LOG.info("Engine close: {}", ex.getMessage());
    }
  }
}
