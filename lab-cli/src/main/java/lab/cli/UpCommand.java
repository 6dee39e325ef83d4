package lab.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import lab.services.LocalLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lab up}: starts the embedded PostgreSQL and Kafka (or checks the external ones). */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start PostgreSQL and Kafka.")
final class UpCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;

  @Override
  public Integer call() {
    Console console = new Console(System.out);
    LocalLab local = new LocalLab(lab.settings());
    up(local, console);
    console.line("logs: " + local.settings().logs());
    return 0;
  }

  /**
   * Starts both services, printing one line each; shared with the demo. External servers are
   * checked before anything is started, so a wrong URL leaves nothing running behind it.
   */
  static void up(LocalLab local, Console console) {
    if (!local.settings().embeddedPostgres()) {
      local.postgres().start();
    }
    if (!local.settings().embeddedKafka()) {
      local.kafka().start();
    }
    long t0 = System.nanoTime();
    // External servers were checked above; only embedded ones start here.
    boolean pgStarted = local.settings().embeddedPostgres() && local.postgres().start();
    Duration pg = Duration.ofNanos(System.nanoTime() - t0);
    console.line(
        describe(
            "postgres",
            local.postgres().address(),
            local.settings().embeddedPostgres(),
            pgStarted,
            pg));
    long t1 = System.nanoTime();
    boolean kafkaStarted;
    try {
      kafkaStarted = local.settings().embeddedKafka() && local.kafka().start();
    } catch (RuntimeException e) {
      if (pgStarted) {
        local.postgres().stop(); // do not leave half of the lab running
      }
      throw e;
    }
    Duration kafka = Duration.ofNanos(System.nanoTime() - t1);
    console.line(
        describe(
            "kafka",
            local.kafka().address(),
            local.settings().embeddedKafka(),
            kafkaStarted,
            kafka));
  }

  private static String describe(
      String name, String address, boolean embedded, boolean started, Duration took) {
    String state =
        !embedded
            ? "external, reachable"
            : started ? "started, healthy in " + Console.seconds(took) : "already up";
    return String.format("  %-9s %-45s %s", name, address, state);
  }
}
