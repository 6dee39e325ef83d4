package lab.cli;

import java.util.concurrent.Callable;
import lab.services.LocalLab;
import lab.services.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lab pipeline start|stop}: the CDC capture and the Spark ETL, each in its own JVM. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Start or stop the CDC capture and the Spark ETL (services must be up).")
final class PipelineCommand implements Callable<Integer> {

  enum Action {
    start,
    stop
  }

  @ParentCommand LabCommand lab;

  @Parameters(index = "0", description = "start or stop")
  Action action;

  @Override
  public Integer call() {
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    Pipeline pipeline = local.pipeline();
    if (action == Action.start) {
      ProcessHandle cdc = pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      ProcessHandle etl = pipeline.startEtl();
      console.line("  cdc pid " + cdc.pid() + ", log " + pipeline.log("cdc"));
      console.line("  etl pid " + etl.pid() + ", log " + pipeline.log("etl"));
    } else {
      boolean etl = pipeline.stopEtl();
      boolean cdc = pipeline.stopCdc();
      console.line(etl || cdc ? "  pipeline stopped" : "  the pipeline was not running");
    }
    return 0;
  }
}
