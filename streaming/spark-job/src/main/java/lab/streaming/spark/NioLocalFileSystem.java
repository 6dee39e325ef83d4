package lab.streaming.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system, with file and directory permissions set through {@code java.nio}
 * instead of a {@code chmod} child process.
 *
 * <p>Without Hadoop's native library (the lab does not ship it), {@link RawLocalFileSystem} runs
 * {@code chmod} in a new process for every file and directory it creates with a permission. Spark's
 * streaming checkpoint writes several such files per micro-batch (the offsets, the commit, their
 * checksums), and each spawn from the ETL's JVM cost tens of milliseconds on a busy machine: {@code
 * strace} showed them, and Spark's progress put the checkpoint's writes ({@code walCommit} and
 * {@code commitOffsets}) at 350-700 ms of a small batch. The driver uses it in local mode ({@code
 * spark.hadoop.fs.file.impl}, with the FileSystem-based checkpoint manager, since Spark's default
 * one goes through Hadoop's FileContext, which builds its own local file system).
 */
public final class NioLocalFileSystem extends LocalFileSystem {

  public NioLocalFileSystem() {
    super(new NioRawLocalFileSystem());
  }

  /** The unchecksummed layer underneath, where permissions are set. */
  static final class NioRawLocalFileSystem extends RawLocalFileSystem {

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission); // no POSIX permissions here (Windows): Hadoop's way
      }
    }
  }

  /** The nine rwx bits of a Hadoop permission (the sticky bit is no file mode to set here). */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    return PosixFilePermissions.fromString(
        new FsPermission((short) (permission.toShort() & 0777)).toString());
  }
}
