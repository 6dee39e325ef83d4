package lab.streaming.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --star-step: a step replaced by name; a bad one stops the job before Spark starts. */
class EtlMainStarStepTest {

  @TempDir Path dir;

  @Test
  void aStepNameTheStarDoesNotHaveIsAUsageErrorThatListsTheSteps() throws Exception {
    Path mine = Files.writeString(dir.resolve("mine.sql"), "SELECT 1;\n");

    Result r = run("--star-step", "customer_version=" + mine);

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err)
        .contains("--star-step: there is no star step named 'customer_version'")
        .contains("customer_versions, loyalty_members");
  }

  @Test
  void aStepFileThatCannotBeReadIsAUsageErrorThatNamesIt() {
    Path missing = dir.resolve("missing.sql");

    Result r = run("--star-step", "fact_sales=" + missing);

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).contains("--star-step: cannot read star step fact_sales from " + missing);
  }

  private record Result(int exitCode, String err) {}

  private Result run(String... extra) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EtlMain()).setErr(new PrintWriter(err));
    String[] required = {
      "--kafka-bootstrap", "127.0.0.1:1",
      "--warehouse", dir.resolve("wh.duckdb").toString(),
      "--snapshot", dir.resolve("read.duckdb").toString(),
      "--checkpoint", dir.resolve("checkpoint").toString()
    };
    String[] args = new String[required.length + extra.length];
    System.arraycopy(required, 0, args, 0, required.length);
    System.arraycopy(extra, 0, args, required.length, extra.length);
    return new Result(cli.execute(args), err.toString());
  }
}
