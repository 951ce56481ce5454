package dev.bluegreen.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * Stand-ins for the JVMs of {@link ChildProcessHygieneIT}, far lighter than a service: {@code idle}
 * runs until killed; {@code parent <registry>} starts an idle child through {@link ChildJvm},
 * prints {@code child=<pid>} and runs until killed, like a test JVM with its services.
 */
public final class ChildJvmStub {

  private ChildJvmStub() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("parent")) {
      Path registry = Path.of(args[1]);
      Process child =
          ChildJvm.in(registry)
              .start(
                  idleArgs(),
                  registry.resolve("child-of-" + ProcessHandle.current().pid() + ".log"));
      System.out.println("child=" + child.pid());
      System.out.flush();
    } else if (args.length != 1 || !args[0].equals("idle")) {
      throw new IllegalArgumentException("usage: ChildJvmStub idle | parent <registry>");
    }
    // Not a test waiting: a process that runs until something ends it.
    while (true) {
      Thread.sleep(60_000);
    }
  }

  /** JVM arguments that run an idle stub on this JVM's classpath. */
  static List<String> idleArgs() {
    return List.of(
        "-Xmx32m",
        "-XX:+UseSerialGC",
        "-cp",
        System.getProperty("java.class.path"),
        ChildJvmStub.class.getName(),
        "idle");
  }

  /** JVM arguments that run a parent stub recording its child in {@code registry}. */
  static List<String> parentArgs(Path registry) {
    return List.of(
        "-Xmx48m",
        "-XX:+UseSerialGC",
        "-cp",
        System.getProperty("java.class.path"),
        ChildJvmStub.class.getName(),
        "parent",
        registry.toString());
  }
}
