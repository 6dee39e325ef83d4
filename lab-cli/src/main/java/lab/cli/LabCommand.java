package lab.cli;

import java.nio.file.Path;
import lab.config.LabSettings;
import lab.services.LabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code lab} command: runs the OLTP -> OLAP lab on this machine. */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    version = "lab 0.1.0",
    description = {
      "Runs the OLTP -> OLAP lab: PostgreSQL -> CDC -> Kafka -> Spark -> DuckDB.",
      "Start with: ./lab demo"
    },
    subcommands = {
      DemoCommand.class,
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      VerifyCommand.class,
      QueryCommand.class,
      EtlCommand.class,
      LoadCommand.class,
      WriteCommand.class,
      OltpCommand.class,
      BenchCommand.class,
      PipelineCommand.class,
      ExerciseCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LabCommand implements Runnable {

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      description = "Lab home: data, logs, pid files, warehouse (env LAB_HOME; default .lab/)")
  Path home;

  @Option(
      names = "--pg-port",
      scope = ScopeType.INHERIT,
      description = "Port of the embedded PostgreSQL (env LAB_PG_PORT; default 15432)")
  Integer pgPort;

  @Option(
      names = "--kafka-port",
      scope = ScopeType.INHERIT,
      description =
          "Port of the embedded Kafka; the controller uses the next one (env LAB_KAFKA_PORT; default 19092)")
  Integer kafkaPort;

  @Option(
      names = "--pg-url",
      scope = ScopeType.INHERIT,
      description =
          "Use an existing PostgreSQL (jdbc:postgresql://host:port/db) instead of starting one (env LAB_PG_URL)")
  String pgUrl;

  @Option(
      names = "--pg-user",
      scope = ScopeType.INHERIT,
      description = "PostgreSQL user (env LAB_PG_USER; default postgres)")
  String pgUser;

  @Option(
      names = "--pg-password",
      scope = ScopeType.INHERIT,
      description = "PostgreSQL password (env LAB_PG_PASSWORD)")
  String pgPassword;

  @Option(
      names = "--kafka-bootstrap",
      scope = ScopeType.INHERIT,
      description =
          "Use an existing Kafka (host:port) instead of starting one (env LAB_KAFKA_BOOTSTRAP)")
  String kafkaBootstrap;

  @Option(
      names = "--spark-master",
      scope = ScopeType.INHERIT,
      description =
          "Where the Spark job runs: local[N] in its own JVM, or spark://host:port (env LAB_SPARK_MASTER; default local[2])")
  String sparkMaster;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show the lab's own log lines on the terminal")
  boolean verbose;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The settings: defaults, then environment, then these flags. */
  LabSettings settings() {
    Path root = Path.of(System.getProperty("lab.root", ".")).toAbsolutePath().normalize();
    return LabSettings.fromEnvironment(root, System.getenv())
        .with(home, pgPort, kafkaPort, pgUrl, pgUser, pgPassword, kafkaBootstrap)
        .withSparkMaster(sparkMaster);
  }

  public static void main(String[] args) {
    for (String a : args) {
      if (a.equals("-v") || a.equals("--verbose")) {
        System.setProperty("lab.log.level", "INFO");
      }
    }
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (the tests call this, not main). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new LabCommand());
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine cmd = ex.getCommandLine();
          // picocli starts some of its own messages with "Error: "; ours all start with "error: "
          String message = ex.getMessage().replaceFirst("^Error: ", "");
          cmd.getErr()
              .println("error: " + message + " (see ./lab " + qualifiedName(cmd) + "--help)");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof LabException || ex instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? 2 : 1;
          }
          // A database refusing or failing an action, or a shop in the wrong state: the message
          // says what happened and what to do; a stack trace would only bury it.
          if (ex instanceof java.sql.SQLException || ex instanceof IllegalStateException) {
            cmd.getErr().println("error: " + ex.getMessage());
            return 1;
          }
          throw ex;
        });
    return cli.execute(args);
  }

  private static String qualifiedName(CommandLine cmd) {
    String name = cmd.getCommandSpec().qualifiedName(" ");
    return name.equals("lab") ? "" : name.substring("lab ".length()) + " ";
  }
}
