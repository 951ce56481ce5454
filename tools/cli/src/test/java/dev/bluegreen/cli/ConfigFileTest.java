package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @Test
  void keyValueLines_commentsAndBlanksIgnored_spacesTrimmed() {
    ConfigFile file =
        ConfigFile.parse(
            "config",
            List.of(
                "# the team's orchestrator",
                "",
                "api = https://bluegreen.example.com/",
                "token=abc=def",
                "actor="));
    assertEquals("https://bluegreen.example.com/", file.get("api"));
    assertEquals("abc=def", file.get("token"), "only the first = splits");
    assertNull(file.get("actor"), "an empty value is no value");
    assertEquals(List.of(), file.warnings());
  }

  @Test
  void unknownKeysAndOtherLines_areWarnings_thatNeverEchoTheValue() {
    ConfigFile file = ConfigFile.parse("config", List.of("tokn=secret-value", "just words"));
    assertEquals(Map.of(), file.values());
    assertEquals(2, file.warnings().size());
    assertTrue(file.warnings().get(0).startsWith("config:1: unknown key 'tokn'"));
    assertFalse(String.join("\n", file.warnings()).contains("secret-value"));
    assertTrue(file.warnings().get(1).startsWith("config:2: not key=value"));
  }

  @Test
  void location_isXdgConfigHome_else_dotConfigInHome() {
    assertEquals(
        Path.of("/x/bluegreen/config"),
        ConfigFile.location(Map.of("XDG_CONFIG_HOME", "/x"), "/home/a"));
    assertEquals(
        Path.of("/home/a/.config/bluegreen/config"), ConfigFile.location(Map.of(), "/home/a"));
  }

  @Test
  void aMissingFile_saysNothing(@TempDir Path dir) {
    assertEquals(ConfigFile.EMPTY, ConfigFile.read(dir.resolve("none")));
  }

  @Test
  void settings_optionBeatsEnvironmentBeatsFileBeatsDefault() {
    ConfigFile file =
        ConfigFile.parse("config", List.of("api=http://file:1", "token=t-file", "actor=file"));
    assertEquals(
        URI.create("http://option:1"),
        Settings.resolve("http://option:1", Map.of("BLUEGREEN_API", "http://env:1"), file, "u")
            .api());
    assertEquals(
        URI.create("http://env:1"),
        Settings.resolve(null, Map.of("BLUEGREEN_API", "http://env:1"), file, "u").api());
    Settings fromFile = Settings.resolve(null, Map.of(), file, "u");
    assertEquals(URI.create("http://file:1"), fromFile.api());
    assertEquals("t-file", fromFile.token());
    assertEquals("file", fromFile.actor());
    Settings defaults = Settings.resolve(null, Map.of(), ConfigFile.EMPTY, "u");
    assertEquals(URI.create("http://localhost:8080"), defaults.api());
    assertNull(defaults.token());
    assertEquals("u", defaults.actor());
    assertEquals(
        "t-env", Settings.resolve(null, Map.of("BLUEGREEN_TOKEN", "t-env"), file, "u").token());
  }

  @Test
  void settings_neverPrintTheToken_andRefuseWhatIsNotAnHttpUrl() {
    Settings s =
        Settings.resolve(null, Map.of("BLUEGREEN_TOKEN", "t-secret"), ConfigFile.EMPTY, "u");
    assertFalse(s.toString().contains("t-secret"), s.toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.resolve("localhost:8080", Map.of(), ConfigFile.EMPTY, "u"));
    assertTrue(e.getMessage().contains("http://"), e.getMessage());
  }
}
