package lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How the lab reads CPU time; the tree's accounting is tested on real processes by CpuMeterTest.
 */
class CpuTest {

  @Test
  void readsTheTimesOfAProcStatLine() {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
    // utime stime cutime cstime ...; a command may hold spaces and parentheses.
    String line = "42 (post gres: a (b)) S 1 42 42 0 -1 4194560 10 0 0 0 150 50 7 3 20 0 1 0";

    assertThat(Cpu.parseStat(line)).isEqualTo(Duration.ofMillis(2_100));
  }
}
