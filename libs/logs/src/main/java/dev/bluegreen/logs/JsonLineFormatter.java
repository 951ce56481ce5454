package dev.bluegreen.logs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * One log record as one line of JSON: {@code timestamp}, {@code level}, {@code loggerName}, {@code
 * threadName}, {@code message}, {@code exception} (the stack trace as text) and the MDC under
 * {@code mdc}. Written by hand, not with JBoss LogManager's {@code JsonFormatter}: that one needs
 * JSON-P on the log manager's own class path, which only a Quarkus extension can arrange.
 */
public final class JsonLineFormatter extends ExtFormatter {

  @Override
  public String format(ExtLogRecord record) {
    StringBuilder json = new StringBuilder(256).append('{');
    field(json, "timestamp", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
    field(json, "level", record.getLevel().getName()).append(',');
    field(json, "loggerName", record.getLoggerName()).append(',');
    field(json, "threadName", record.getThreadName()).append(',');
    field(json, "message", formatMessage(record));
    Map<String, String> mdc = new TreeMap<>(record.getMdcCopy());
    if (!mdc.isEmpty()) {
      json.append(",\"mdc\":{");
      boolean first = true;
      for (Map.Entry<String, String> e : mdc.entrySet()) {
        if (!first) {
          json.append(',');
        }
        field(json, e.getKey(), e.getValue());
        first = false;
      }
      json.append('}');
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      json.append(',');
      field(json, "exception", trace.toString());
    }
    return json.append("}\n").toString();
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    string(json, name).append(':');
    return value == null ? json.append("null") : string(json, value);
  }

  private static StringBuilder string(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
