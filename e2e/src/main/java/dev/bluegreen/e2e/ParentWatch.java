package dev.bluegreen.e2e;

import java.io.IOException;
import java.io.InputStream;

/**
 * A Java agent loaded into every JVM the end-to-end tests start: it ends that JVM as soon as its
 * parent is gone, however the parent went. The parent holds the write end of the child's stdin;
 * when the parent dies (even by SIGKILL, when no shutdown hook runs) the kernel closes it and the
 * child reads end-of-file. Nothing is ever written to that pipe.
 *
 * <p>Only JDK classes, and no nested classes: {@link ChildJvm} packs this one class file into the
 * agent jar.
 */
public final class ParentWatch {

  /** How long a graceful exit may take before the JVM is halted. */
  private static final long HALT_AFTER_MILLIS = 10_000;

  private ParentWatch() {}

  /** Agent entry point ({@code -javaagent:parent-watch.jar}). */
  public static void premain(String args) {
    Thread watch = new Thread(() -> awaitEndOfInput(System.in), "parent-watch");
    watch.setDaemon(true);
    watch.start();
  }

  private static void awaitEndOfInput(InputStream in) {
    try {
      byte[] buffer = new byte[256];
      while (in.read(buffer) != -1) {
        // Nothing is expected; whatever arrives is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the same as end-of-file: the parent is gone.
    }
    System.err.println("parent-watch: the parent process is gone; exiting");
    // A graceful exit lets the service close its clients, but the broker may have died with the
    // parent and a close can hang waiting for it: halt if the exit takes too long.
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(HALT_AFTER_MILLIS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(137);
            },
            "parent-watch-halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(143);
  }
}
