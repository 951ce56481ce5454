package dev.bluegreen.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

  @Test
  void thisJvmsUsage_isReadFromProc() {
    assumeTrue(ProcFs.available(), "Linux only");

    ProcFs.Usage usage = ProcFs.usage(ProcessHandle.current().pid()).orElseThrow();

    assertTrue(usage.rssBytes() > 1024 * 1024, usage.toString());
    assertTrue(usage.threads() > 1, usage.toString());
    assertTrue(usage.fileHandles() > 2, usage.toString());
  }

  @Test
  void aProcessThatIsGone_hasNoUsage() {
    assumeTrue(ProcFs.available(), "Linux only");

    // Above the kernel's pid_max (at most 2^22).
    assertTrue(ProcFs.usage(1L << 23).isEmpty());
  }

  @Test
  void statusFields_inKilobytesOrCounts() {
    List<String> status = List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads:\t42");

    assertEquals(123456, ProcFs.field(status, "VmRSS:").getAsLong());
    assertEquals(42, ProcFs.field(status, "Threads:").getAsLong());
    assertTrue(ProcFs.field(status, "VmSwap:").isEmpty());
  }

  @Test
  void theSizeOfAFolder_isItsFilesBytes_andNothingBeforeItExists(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("0_0/rocksdb"));
    Files.write(dir.resolve("0_0/rocksdb/000012.sst"), new byte[3000]);
    Files.write(dir.resolve("0_0/.checkpoint"), new byte[24]);

    assertEquals(3024, ProcFs.sizeOf(dir));
    assertEquals(0, ProcFs.sizeOf(dir.resolve("not-yet")));
  }
}
