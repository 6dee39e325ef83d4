package lab.streaming.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The flags and their defaults; nothing here starts a capture. */
class CdcMainTest {

  private static final String[] REQUIRED = {
    "--pg-port", "54321", "--kafka-bootstrap", "127.0.0.1:9092", "--state-dir", "/var/lab/cdc"
  };

  @Test
  void theRequiredFlagsWithTheDefaultsGiveTheLabsSettings() {
    CommandLine cli = CdcMain.commandLine();
    cli.parseArgs(REQUIRED);

    CdcSettings settings = ((CdcMain) cli.getCommand()).settings();

    assertThat(settings.pgHost()).isEqualTo("127.0.0.1");
    assertThat(settings.pgPort()).isEqualTo(54321);
    assertThat(settings.pgDatabase()).isEqualTo("shop");
    assertThat(settings.pgUser()).isEqualTo("postgres");
    assertThat(settings.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lab/cdc"));
    assertThat(settings.topicPrefix()).isEqualTo("shop");
    assertThat(settings.slot()).isEqualTo("lab_shop");
    assertThat(settings.publication()).isEqualTo("lab_shop_pub");
    assertThat(settings.offsetFlushMs()).isEqualTo(1000);
    assertThat(settings.tables())
        .as("every shop table, parents first")
        .hasSize(16)
        .startsWith("public.currencies")
        .contains("public.customers", "public.crm_customer_imports", "public.order_items")
        .endsWith("public.returns");
  }

  @Test
  void givenTablesReplaceTheDefaultList() {
    CommandLine cli = CdcMain.commandLine();
    cli.parseArgs(concat(REQUIRED, "--tables", "public.orders,public.order_items"));

    CdcSettings settings = ((CdcMain) cli.getCommand()).settings();

    assertThat(settings.tables()).containsExactly("public.orders", "public.order_items");
  }

  @Test
  void missingRequiredFlagsExitWith2AndNameThem() {
    StringWriter err = new StringWriter();

    int code = run(err, "--pg-port", "54321");

    assertThat(code).isEqualTo(CdcMain.EXIT_CANNOT_START);
    assertThat(err.toString())
        .startsWith("cdc: Missing required options")
        .contains("--kafka-bootstrap", "--state-dir")
        .hasLineCount(1);
  }

  @Test
  void aBadValueExitsWith2BeforeAnythingStartsAndNamesTheFlag() {
    StringWriter err = new StringWriter();

    int code = run(err, concat(REQUIRED, "--slot", "Lab-Shop"));

    assertThat(code).isEqualTo(CdcMain.EXIT_CANNOT_START);
    assertThat(err.toString()).startsWith("cdc: --slot must be").hasLineCount(1);
  }

  @Test
  void helpListsEveryFlagAndTheExitCodes() {
    StringWriter out = new StringWriter();
    CommandLine cli = CdcMain.commandLine();
    cli.setOut(new PrintWriter(out));

    int code = cli.execute("--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "--pg-host",
            "--pg-port",
            "--pg-database",
            "--pg-user",
            "--pg-password",
            "--kafka-bootstrap",
            "--state-dir",
            "--topic-prefix",
            "--slot",
            "--publication",
            "--offset-flush-ms",
            "--tables",
            "Exit codes:");
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cli = CdcMain.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
