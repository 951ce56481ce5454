package dev.bluegreen.logs;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Switches the console to one JSON object per line when {@code bluegreen.log.json=true} (env {@code
 * BLUEGREEN_LOG_JSON}, set by the image, compose and the Kubernetes manifests), for a log pipeline;
 * otherwise the text format of {@code quarkus.log.console.format} stays, for people.
 *
 * <p>Each JSON line ({@link JsonLineFormatter}) has {@code timestamp}, {@code level}, {@code
 * loggerName}, {@code threadName}, {@code message}, the exception if any, and the MDC under {@code
 * mdc}: {@code upgradeId}, {@code cluster} and {@code traceId} on every line about an upgrade.
 * Lines written before the application starts (Quarkus' boot) stay text.
 */
@ApplicationScoped
public class JsonConsoleLogs {

  @ConfigProperty(name = "bluegreen.log.json", defaultValue = "false")
  boolean json;

  void onStart(@Observes StartupEvent started) {
    if (json) {
      useJson(Logger.getLogger(""));
    }
  }

  /** Gives every console handler under {@code root} the JSON formatter; returns how many. */
  static int useJson(Logger root) {
    int changed = 0;
    for (Handler handler : consoleHandlers(root)) {
      handler.setFormatter(new JsonLineFormatter());
      changed++;
    }
    return changed;
  }

  /** Console handlers, also those Quarkus wraps in delegating handlers. */
  private static java.util.List<Handler> consoleHandlers(Logger logger) {
    java.util.List<Handler> found = new java.util.ArrayList<>();
    for (Handler h : logger.getHandlers()) {
      collect(h, found);
    }
    return found;
  }

  private static void collect(Handler handler, java.util.List<Handler> found) {
    if (handler instanceof org.jboss.logmanager.handlers.ConsoleHandler
        || handler instanceof ConsoleHandler) {
      found.add(handler);
    } else if (handler instanceof org.jboss.logmanager.ExtHandler ext) {
      for (Handler child : ext.getHandlers()) {
        collect(child, found);
      }
    }
  }
}
