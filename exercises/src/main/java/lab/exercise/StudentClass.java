package lab.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import lab.exercise.data.CourseData;

/**
 * A student's Java class that takes the place of one of the pipeline's own: compiled with the JDK's
 * compiler against the pipeline's classpath, then loaded by a class loader that looks in the
 * student's build first for the pipeline's packages ({@code lab.etl}, {@code lab.streaming}), so
 * the production code that calls the class by name calls theirs. Everything else (Spark, the JDK,
 * the warehouse) is the one the checker runs on.
 */
final class StudentClass {

  /** The packages whose classes are loaded again beside the student's, so they link to it. */
  static final List<String> PIPELINE_PACKAGES = List.of("lab.etl.", "lab.streaming.");

  private StudentClass() {}

  /** Why a student's file did not compile: one line per error, with its line number. */
  static final class CompileError extends Exception {
    CompileError(String message) {
      super(message);
    }
  }

  /**
   * Compiles {@code source} into {@code classes} (emptied first) and returns a loader in which
   * {@code className} and every pipeline class is the student's build's; the caller closes it when
   * the check is done (a {@code --watch} compiles again at every save).
   */
  static URLClassLoader compile(Path source, String className, Path classes)
      throws CompileError, IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new CompileError(
          "this Java ("
              + System.getProperty("java.home")
              + ") has no compiler; the Java labs need a JDK 17 or later, not a JRE");
    }
    String expected = className.substring(className.lastIndexOf('.') + 1) + ".java";
    if (!source.getFileName().toString().equals(expected)) {
      throw new CompileError("the file must be called " + expected);
    }
    CourseData.deleteTree(classes);
    Files.createDirectories(classes);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              classes.toString(),
              "--release",
              "17",
              "-proc:none",
              "-implicit:none",
              "-encoding",
              "UTF-8");
      boolean ok =
          javac
              .getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source))
              .call();
      if (!ok) {
        throw new CompileError(errors(source, diagnostics.getDiagnostics()));
      }
    }
    if (!Files.exists(classes.resolve(className.replace('.', '/') + ".class"))) {
      throw new CompileError(
          source.getFileName()
              + " compiled, but has no class "
              + className
              + "; keep the starting file's package and class name");
    }
    return new PipelineFirst(classes, PipelineFirst.class.getClassLoader());
  }

  /**
   * The public static methods of the pipeline's own {@code className} that the student's is missing
   * (by name, parameters and return type), as Java declares them.
   */
  static List<String> missingMethods(String className, ClassLoader student)
      throws ClassNotFoundException {
    Class<?> ours = Class.forName(className);
    Class<?> theirs = student.loadClass(className);
    List<String> missing = new ArrayList<>();
    for (Method m : ours.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        Method their = theirs.getDeclaredMethod(m.getName(), m.getParameterTypes());
        if (their.getReturnType() != m.getReturnType()
            || !Modifier.isStatic(their.getModifiers())
            || !Modifier.isPublic(their.getModifiers())) {
          missing.add(declaration(m));
        }
      } catch (NoSuchMethodException e) {
        missing.add(declaration(m));
      }
    }
    missing.sort(Comparator.naturalOrder());
    return missing;
  }

  /**
   * The line of the student's file where {@code failure} was thrown, or 0 when the stack does not
   * pass through it.
   */
  static int lineIn(Throwable failure, String className) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (StackTraceElement e : t.getStackTrace()) {
        if (e.getClassName().equals(className) || e.getClassName().startsWith(className + "$")) {
          return Math.max(e.getLineNumber(), 0);
        }
      }
    }
    return 0;
  }

  private static String declaration(Method m) {
    return "public static "
        + m.getReturnType().getSimpleName()
        + " "
        + m.getName()
        + "("
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String errors(Path source, List<Diagnostic<? extends JavaFileObject>> found) {
    List<String> lines = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : found) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        lines.add(
            source.getFileName()
                + ", line "
                + d.getLineNumber()
                + ": "
                + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
      }
    }
    return lines.isEmpty() ? source.getFileName() + " does not compile" : String.join("\n", lines);
  }

  /**
   * Child-first for the pipeline's packages: the student's build, then the pipeline's own jars or
   * class folders, so that a pipeline class loaded here links to the student's class; the parent
   * for everything else.
   */
  private static final class PipelineFirst extends URLClassLoader {

    static {
      registerAsParallelCapable();
    }

    PipelineFirst(Path studentClasses, ClassLoader parent) {
      super(urls(studentClasses), parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (PIPELINE_PACKAGES.stream().noneMatch(name::startsWith)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    /** The student's build first, then where the pipeline's classes come from. */
    private static URL[] urls(Path studentClasses) {
      try {
        return new URL[] {
          studentClasses.toUri().toURL(),
          location("lab.etl.ChangeStreamTransform"),
          location("lab.streaming.spark.BatchWriter")
        };
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(new IOException(e));
      }
    }

    private static URL location(String className) {
      try {
        return Class.forName(className).getProtectionDomain().getCodeSource().getLocation();
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(className + " is not on the checker's classpath", e);
      }
    }
  }
}
