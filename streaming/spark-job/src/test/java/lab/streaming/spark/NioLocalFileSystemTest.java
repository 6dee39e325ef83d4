package lab.streaming.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
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
