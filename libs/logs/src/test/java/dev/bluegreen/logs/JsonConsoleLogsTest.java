package dev.bluegreen.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/** In containers, every console line is one JSON object carrying the upgrade's MDC. */
class JsonConsoleLogsTest {

  @Test
  void consoleHandlers_getTheJsonFormatter_andALineCarriesTheUpgradeIdClusterAndTrace() {
    org.jboss.logmanager.Logger logger =
        org.jboss.logmanager.Logger.getLogger("json-console-logs-test");
    ConsoleHandler console = new ConsoleHandler();
    logger.addHandler(console);

    assertEquals(1, JsonConsoleLogs.useJson(logger));
    JsonLineFormatter formatter = assertInstanceOf(JsonLineFormatter.class, console.getFormatter());

    MDC.put("upgradeId", "upg-42");
    MDC.put("cluster", "search-002");
    MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    try {
      ExtLogRecord record = new ExtLogRecord(Level.INFO, "shifted \"10%\" to green", "test.Logger");
      String line = formatter.format(record);
      assertTrue(line.startsWith("{") && line.strip().endsWith("}"), line);
      assertTrue(line.contains("\"upgradeId\":\"upg-42\""), line);
      assertTrue(line.contains("\"cluster\":\"search-002\""), line);
      assertTrue(line.contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\""), line);
      assertTrue(line.contains("shifted \\\"10%\\\" to green"), "message escaped: " + line);
      assertEquals(1, line.strip().lines().count(), "one line per record");
      assertTrue(line.contains("\"level\":\"INFO\""), line);

      ExtLogRecord failure = new ExtLogRecord(Level.SEVERE, "boom", "test.Logger");
      failure.setThrown(new IllegalStateException("line one\nline two"));
      String failed = formatter.format(failure);
      assertEquals(1, failed.strip().lines().count(), "a stack trace stays on the line: " + failed);
      assertTrue(
          failed.contains("\"exception\":\"java.lang.IllegalStateException: line one\\nline two"),
          failed);
    } finally {
      MDC.clear();
      logger.removeHandler(console);
    }
  }
}
