package dev.bluegreen.cli;

import java.time.ZoneId;
import java.util.Map;

/**
 * What the CLI reads from the world it runs in, passed in so that tests run it in-process with an
 * environment of their own (no real {@code ~/.config}, no terminal).
 *
 * @param variables the environment variables
 * @param userHome the home directory, where the configuration file is looked for
 * @param userName the operating system user, the actor when nothing else names one
 * @param terminal whether stdout is a terminal (a watch redraws its screen) or not (a watch prints
 *     one line per change)
 * @param zone the time zone times are shown in
 */
public record Environment(
    Map<String, String> variables,
    String userHome,
    String userName,
    boolean terminal,
    ZoneId zone) {

  /** The process's own environment; stdout is a terminal when the JVM has a console. */
  public static Environment system() {
    return new Environment(
        System.getenv(),
        System.getProperty("user.home"),
        System.getProperty("user.name"),
        System.console() != null,
        ZoneId.systemDefault());
  }
}
