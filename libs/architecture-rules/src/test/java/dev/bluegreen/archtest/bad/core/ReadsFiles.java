package dev.bluegreen.archtest.bad.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A core that reads a file. */
public final class ReadsFiles {
  public String read() throws IOException {
    return Files.readString(Path.of("fleet.yaml"));
  }
}
