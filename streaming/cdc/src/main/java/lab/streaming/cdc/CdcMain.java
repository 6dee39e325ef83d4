package lab.streaming.cdc;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lab.shop.contract.ShopContract;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code cdc} program: captures the shop's changes from PostgreSQL into Kafka. */
@Command(
    name = "cdc",
    sortOptions = false,
    description = {
      "Captures changes of the shop's tables from PostgreSQL (Debezium, pgoutput) into one Kafka"
          + " topic per table, <prefix>.<schema>.<table>, at least once.",
      "Runs until SIGTERM or Ctrl-C; offsets are kept in <state-dir>/offsets.dat."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by a signal after storing the offsets",
      "1:the capture failed while running (see the log)",
      "2:could not start: bad option, or PostgreSQL or Kafka unreachable"
    })
public final class CdcMain implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_CANNOT_START = 2;

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--pg-host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description = "PostgreSQL host. Default: ${DEFAULT-VALUE}.")
  String pgHost;

  @Option(
      names = "--pg-port",
      required = true,
      paramLabel = "PORT",
      description = "PostgreSQL port.")
  int pgPort;

  @Option(
      names = "--pg-database",
      defaultValue = "shop",
      paramLabel = "NAME",
      description = "Database to capture. Default: ${DEFAULT-VALUE}.")
  String pgDatabase;

  @Option(
      names = "--pg-user",
      defaultValue = "postgres",
      paramLabel = "USER",
      description = "User with the REPLICATION attribute. Default: ${DEFAULT-VALUE}.")
  String pgUser;

  @Option(
      names = "--pg-password",
      defaultValue = "${env:PGPASSWORD:-}",
      showDefaultValue = Visibility.NEVER,
      paramLabel = "PASSWORD",
      description = "Password. Default: $PGPASSWORD if set, else empty.")
  String pgPassword;

  @Option(
      names = "--kafka-bootstrap",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers, comma-separated.")
  String kafkaBootstrap;

  @Option(
      names = "--state-dir",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the offsets file; created if missing.")
  Path stateDir;

  @Option(
      names = "--topic-prefix",
      defaultValue = "shop",
      paramLabel = "PREFIX",
      description = "Topic name prefix (Debezium's topic.prefix). Default: ${DEFAULT-VALUE}.")
  String topicPrefix;

  @Option(
      names = "--slot",
      defaultValue = "lab_shop",
      paramLabel = "SLOT",
      description = "Replication slot, created if missing. Default: ${DEFAULT-VALUE}.")
  String slot;

  @Option(
      names = "--publication",
      defaultValue = "lab_shop_pub",
      paramLabel = "NAME",
      description = "Publication, created or updated for --tables. Default: ${DEFAULT-VALUE}.")
  String publication;

  @Option(
      names = "--offset-flush-ms",
      defaultValue = "1000",
      paramLabel = "MS",
      description = "How often offsets are written. Default: ${DEFAULT-VALUE}.")
  long offsetFlushMs;

  @Option(
      names = "--tables",
      split = ",",
      paramLabel = "SCHEMA.TABLE",
      description = "Tables to capture. Default: every table of the shop's contract, in public.")
  List<String> tables;

  /** Parses the flags, runs the capture and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with a handler that reports bad options in one line. */
  static CommandLine commandLine() {
    return new CommandLine(new CdcMain())
        .setParameterExceptionHandler(
            (ex, args) -> {
              ex.getCommandLine().getErr().println("cdc: " + ex.getMessage() + " (see cdc --help)");
              return EXIT_CANNOT_START;
            });
  }

  @Override
  public Integer call() {
    return new CdcCapture(settings()).run();
  }

  /** The validated settings; a bad value is reported like any other bad option. */
  CdcSettings settings() {
    try {
      return new CdcSettings(
          pgHost,
          pgPort,
          pgDatabase,
          pgUser,
          pgPassword,
          kafkaBootstrap,
          stateDir,
          topicPrefix,
          slot,
          publication,
          offsetFlushMs,
          tables != null
              ? tables
              : ShopContract.TABLES.stream().map(t -> t.qualified("public")).toList());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
