package lab.streaming.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {

  @TempDir java.nio.file.Path dir;

  @Test
  void filesAndDirectoriesGetTheirPermissionsAndChecksumsAsWithHadoopsOwn() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    conf.set("fs.permissions.umask-mode", "022");
    try (FileSystem fs = FileSystem.get(dir.toUri(), conf)) {
      assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
      Path sub = new Path(dir.toUri().toString(), "offsets");
      assertThat(fs.mkdirs(sub, new FsPermission((short) 0750))).isTrue();
      Path file = new Path(sub, "0");
      try (FSDataOutputStream out =
          fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
        out.write("v1\n{}".getBytes(StandardCharsets.UTF_8));
      }

      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("offsets"))))
          .isEqualTo("rwxr-x---");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("offsets/0"))))
          .isEqualTo("rw-r-----");
      assertThat(dir.resolve("offsets/.0.crc")).exists();
      try (var in = fs.open(file)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("v1\n{}");
      }
      assertThat(fs.getFileStatus(file).getPermission()).isEqualTo(new FsPermission((short) 0640));
    }
  }

  /**
   * The point of the class: no child process. A JVM whose PATH finds no program writes
   * checkpoint-style files through it; through Hadoop's own local file system the same writes fail,
   * because they run {@code chmod}.
   */
  @Test
  void writesWithoutStartingAnyProgram() throws Exception {
    Child nio = writeWithoutPrograms(NioLocalFileSystem.class.getName(), dir.resolve("nio"));
    Child hadoops = writeWithoutPrograms(LocalFileSystem.class.getName(), dir.resolve("hadoop"));

    assertThat(nio.exitCode()).as("exit code; output:%n%s", nio.output()).isZero();
    assertThat(dir.resolve("nio/offsets/0")).exists();
    assertThat(hadoops.exitCode()).as("Hadoop's own local file system without chmod").isNotZero();
    assertThat(hadoops.output()).contains("chmod");
  }

  private record Child(int exitCode, String output) {}

  private static Child writeWithoutPrograms(String fileSystem, java.nio.file.Path target)
      throws Exception {
    java.nio.file.Path javaBin =
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                javaBin.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CheckpointStyleWrites.class.getName(),
                fileSystem,
                target.toString())
            .redirectErrorStream(true);
    pb.environment().put("PATH", "/nonexistent");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the child JVM finished").isTrue();
    return new Child(p.exitValue(), output);
  }

  @Test
  void onlyTheNineRwxBitsBecomeAFileMode() {
    assertThat(
            PosixFilePermissions.toString(
                NioLocalFileSystem.posix(new FsPermission((short) 01777))))
        .isEqualTo("rwxrwxrwx");
    assertThat(
            PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0604))))
        .isEqualTo("rw----r--");
  }
}
