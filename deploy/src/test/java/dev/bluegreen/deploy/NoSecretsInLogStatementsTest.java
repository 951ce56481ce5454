package dev.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No log statement (nor print) in the services, libraries or local tools is handed a secret: an EKS
 * bearer token, a Slack webhook URL (the URL is the credential), AWS credentials, a password, Kafka
 * SASL/JAAS settings. Checked on the sources, because such a leak shows only on the path that logs
 * it, which a run may never take. A log call's arguments, outside string literals, must not name
 * such a thing.
 */
class NoSecretsInLogStatementsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LOG_CALL =
      Pattern.compile(
          "\\b(?:LOG|log|LOGGER|logger|Log)\\s*\\.\\s*(?:trace|debug|info|warn|error|fatal)[a-z]*\\s*\\("
              + "|\\bSystem\\s*\\.\\s*(?:out|err)\\s*\\.\\s*print[a-z]*\\s*\\(");
  private static final Pattern SECRET =
      Pattern.compile(
          "(?i)token|webhook|secret|password|credential|accesskey|authorization|sasl|jaas");

  /**
   * Prints whose whole purpose is to hand the caller a secret they asked for: {@code bin/token}
   * prints the signed token for a demo user, and its output is the token. Each entry is the file
   * and the start of the printed expression; anything else in that file is still scanned.
   */
  private static final List<String> INTENDED_OUTPUT =
      List.of("libs/issuer/src/main/java/dev/bluegreen/issuer/IssuerMain.java: new TokenSigner(");

  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  @Test
  void noLogStatement_isGivenATokenAWebhookUrlOrCredentials() throws IOException {
    List<String> offending = new ArrayList<>();
    int calls = 0;
    for (Path source : sources()) {
      String text = Files.readString(source);
      Matcher m = LOG_CALL.matcher(text);
      while (m.find()) {
        calls++;
        String arguments = STRING_LITERAL.matcher(arguments(text, m.end())).replaceAll("\"\"");
        Matcher secret = SECRET.matcher(arguments);
        String found = ROOT.relativize(source) + ": " + arguments.strip();
        if (secret.find() && INTENDED_OUTPUT.stream().noneMatch(found::startsWith)) {
          offending.add(found);
        }
      }
    }
    assertTrue(
        calls > 20, "only " + calls + " log calls found: is the scan looking in the right place?");
    assertEquals(List.of(), offending);
  }

  @Test
  void theScan_catchesALogCallGivenAToken() {
    String code = "LOG.infof(\"token for %s: %s\", cluster, eksToken);";
    Matcher m = LOG_CALL.matcher(code);
    assertTrue(m.find());
    String arguments = STRING_LITERAL.matcher(arguments(code, m.end())).replaceAll("\"\"");
    assertTrue(SECRET.matcher(arguments).find(), arguments);
    String harmless = "LOG.infof(\"no token needed for %s\", cluster);";
    Matcher h = LOG_CALL.matcher(harmless);
    assertTrue(h.find());
    String harmlessArguments =
        STRING_LITERAL.matcher(arguments(harmless, h.end())).replaceAll("\"\"");
    assertTrue(!SECRET.matcher(harmlessArguments).find(), harmlessArguments);
    String kafka = "System.out.println(\"login \" + settings.get(SaslConfigs.SASL_JAAS_CONFIG));";
    Matcher k = LOG_CALL.matcher(kafka);
    assertTrue(k.find(), "prints are scanned too");
    String kafkaArguments = STRING_LITERAL.matcher(arguments(kafka, k.end())).replaceAll("\"\"");
    assertTrue(SECRET.matcher(kafkaArguments).find(), kafkaArguments);
  }

  /** The text of a call's arguments, from after its opening parenthesis to the matching one. */
  private static String arguments(String text, int from) {
    int depth = 1;
    boolean inString = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return text.substring(from, i);
      }
    }
    return text.substring(from);
  }

  private static List<Path> sources() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String parent : List.of("services", "libs", "local")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(parent))) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .filter(f -> f.toString().contains("/src/main/java/"))
            .forEach(sources::add);
      }
    }
    return sources;
  }
}
