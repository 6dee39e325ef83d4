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

  /** Starts both services, printing one line each; shared with the demo. */
  static void up(LocalLab local, Console console) {
    long t0 = System.nanoTime();
    boolean pgStarted = local.postgres().start();
    Duration pg = Duration.ofNanos(System.nanoTime() - t0);
    console.line(
        describe(
            "postgres",
            local.postgres().address(),
            local.settings().embeddedPostgres(),
            pgStarted,
            pg));
    long t1 = System.nanoTime();
    boolean kafkaStarted = local.kafka().start();
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
