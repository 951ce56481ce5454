package dev.bluegreen.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CLI's configuration file, {@code ~/.config/bluegreen/config} (or {@code
 * $XDG_CONFIG_HOME/bluegreen/config}): {@code key=value} lines, {@code #} comments and blank lines
 * ignored.
 *
 * <pre>
 * api=https://bluegreen.example.com
 * token=...
 * actor=alice@example.com
 * </pre>
 *
 * An unknown key is a warning, not an error, so a file written for a newer CLI still works.
 *
 * @param values the known keys' values
 * @param warnings one line per line that was not understood
 */
public record ConfigFile(Map<String, String> values, List<String> warnings) {

  /** The keys the CLI reads. */
  public static final Set<String> KEYS = Set.of("api", "token", "actor");

  /** A file that does not exist, or says nothing. */
  public static final ConfigFile EMPTY = new ConfigFile(Map.of(), List.of());

  public ConfigFile {
    values = Map.copyOf(values);
    warnings = List.copyOf(warnings);
  }

  /** The value of {@code key}, or null. */
  public String get(String key) {
    return values.get(key);
  }

  /** Parses the lines of a configuration file; {@code source} names it in warnings. */
  public static ConfigFile parse(String source, List<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String where = source + ":" + (i + 1);
      if (eq <= 0) {
        warnings.add(where + ": not key=value, ignored");
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (!KEYS.contains(key)) {
        // The line is not echoed: it may hold a secret.
        warnings.add(where + ": unknown key '" + key + "' ignored (known: api, token, actor)");
        continue;
      }
      if (!value.isEmpty()) {
        values.put(key, value);
      }
    }
    return new ConfigFile(values, warnings);
  }

  /** Reads {@code file}; a missing file is {@link #EMPTY}. */
  public static ConfigFile read(Path file) {
    try {
      return parse(file.toString(), Files.readAllLines(file));
    } catch (NoSuchFileException e) {
      return EMPTY;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Where the file is: {@code $XDG_CONFIG_HOME/bluegreen/config} when that is set, else {@code
   * ~/.config/bluegreen/config}.
   */
  public static Path location(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".config");
    return base.resolve("bluegreen").resolve("config");
  }
}
