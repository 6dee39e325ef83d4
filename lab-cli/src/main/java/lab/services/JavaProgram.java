package lab.services;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program of the lab that runs in its own JVM with its own classpath, as it would in production:
 * the Kafka broker, the CDC capture, the Spark job. Its output goes to a log file.
 *
 * @param name short name: the log is {@code logs/<name>.log}, the pid file {@code run/<name>.pid}
 * @param classpath entries of the program's classpath
 */
public record JavaProgram(
    String name, List<String> classpath, String mainClass, List<String> jvmOptions) {

  public JavaProgram {
    classpath = List.copyOf(classpath);
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * A program built by one of the reactor's modules: its classes plus the runtime classpath that
   * the module's build wrote to {@code target/runtime.classpath}. JVM options from the environment
   * variable {@code LAB_<NAME>_JAVA_OPTS} (hyphens in the name as underscores) come after {@code
   * jvmOptions}, so they win (the compose lab sizes the heaps to its containers' memory limits this
   * way).
   */
  public static JavaProgram fromModule(
      Path root, String module, String name, String mainClass, List<String> jvmOptions) {
    Path target = root.resolve(module).resolve("target");
    Path classpathFile = target.resolve("runtime.classpath");
    if (!Files.isRegularFile(classpathFile)) {
      throw new LabException(
          "the "
              + module
              + " module is not built ("
              + classpathFile
              + " is missing); run ./mvnw -DskipTests package or use ./lab, which builds it");
    }
    List<String> cp = new ArrayList<>();
    cp.add(target.resolve("classes").toString());
    try {
      String deps = Files.readString(classpathFile).strip();
      if (!deps.isEmpty()) {
        cp.addAll(List.of(deps.split(File.pathSeparator)));
      }
    } catch (IOException e) {
      throw new LabException("cannot read " + classpathFile + ": " + e.getMessage(), e);
    }
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(optionsFromEnvironment(name, System.getenv()));
    return new JavaProgram(name, cp, mainClass, options);
  }

  /** The options in {@code LAB_<NAME>_JAVA_OPTS}, split on whitespace; empty if unset. */
  static List<String> optionsFromEnvironment(String name, java.util.Map<String, String> env) {
    String variable = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    String value = env.get("LAB_" + variable + "_JAVA_OPTS");
    return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
  }

  /** The same JVM and classpath with another main class (e.g. a tool shipped beside a server). */
  public JavaProgram withMain(String otherMainClass) {
    return new JavaProgram(name, classpath, otherMainClass, jvmOptions);
  }

  /** Starts the program with its output appended to {@code logFile}. */
  public Process start(List<String> args, Path logFile) {
    return start(args, logFile, java.util.Map.of());
  }

  /**
   * Starts the program with extra environment variables (for secrets, which would be visible to
   * every user in the process list as arguments).
   */
  public Process start(List<String> args, Path logFile, java.util.Map<String, String> env) {
    List<String> command = command(args);
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      return builder
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new LabException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Runs the program to completion and returns its exit code. */
  public int run(List<String> args, Path logFile) {
    Process p = start(args, logFile);
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LabException(name + " was interrupted");
    }
  }

  /**
   * Runs the program in the foreground on this terminal (its input, output and Ctrl-C are the
   * user's: a command they talk to, such as {@code lab exercise}) and returns its exit code.
   */
  public int runInForeground(List<String> args) {
    List<String> command = command(args);
    Process p;
    try {
      p = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      throw new LabException("cannot start " + name + ": " + e.getMessage(), e);
    }
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new LabException(name + " was interrupted");
    }
  }

  /** The command line that starts the program with {@code args}. */
  private List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** The JVM running the lab: the programs use the same Java. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
