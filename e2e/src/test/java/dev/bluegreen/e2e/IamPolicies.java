package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.cloudsim.CloudSim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * Holds each service to its IAM policy in {@code deploy/iam/<service>.json}: every AWS operation
 * the service called in the simulated cloud (recorded per access key id, see {@link
 * ServiceSettings#caller}) must be an action one of its {@code Allow} statements names, and no
 * unconditional {@code Deny}. Actions match as IAM matches them: case-insensitive, {@code *} and
 * {@code ?} wildcards. Resources and conditions are not evaluated (the simulator does not model
 * them); {@code IamPoliciesTest} in deploy/ checks their shape.
 */
final class IamPolicies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private IamPolicies() {}

  /** The policy of {@code service}, from the repository's {@code deploy/iam/}. */
  static JsonNode of(String service) {
    Path file = Platform.repoRoot().resolve("deploy/iam/" + service + ".json");
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the IAM policy " + file, e);
    }
  }

  /** Whether {@code policy} allows {@code action}, judged by its actions alone. */
  static boolean allows(JsonNode policy, String action) {
    boolean allowed = false;
    for (JsonNode statement : policy.path("Statement")) {
      boolean matches = actions(statement).stream().anyMatch(p -> matches(p, action));
      if (!matches) {
        continue;
      }
      String effect = statement.path("Effect").asText();
      if (effect.equals("Deny") && statement.path("Condition").isMissingNode()) {
        return false;
      }
      allowed |= effect.equals("Allow");
    }
    return allowed;
  }

  /**
   * Asserts that each of {@code services} called AWS at least once in {@code sim} (else the check
   * would hold vacuously) and only with actions its policy allows.
   */
  static void assertEveryCallAllowed(CloudSim sim, Collection<String> services) {
    Map<String, SortedSet<String>> called = sim.callers().actions();
    Map<String, List<String>> denied = new LinkedHashMap<>();
    for (String service : services) {
      SortedSet<String> actions = called.get(service);
      assertFalse(
          actions == null || actions.isEmpty(),
          service + " made no AWS call the simulator saw; callers: " + called.keySet());
      JsonNode policy = of(service);
      List<String> outside = new ArrayList<>();
      for (String action : actions) {
        if (!allows(policy, action)) {
          outside.add(action);
        }
      }
      if (!outside.isEmpty()) {
        denied.put("deploy/iam/" + service + ".json", outside);
      }
    }
    assertEquals(
        Map.of(),
        denied,
        "AWS operations the services called that their IAM policies do not allow (all calls: "
            + called
            + ")");
  }

  private static List<String> actions(JsonNode statement) {
    JsonNode action = statement.path("Action");
    List<String> out = new ArrayList<>();
    if (action.isTextual()) {
      out.add(action.asText());
    } else {
      action.forEach(a -> out.add(a.asText()));
    }
    return out;
  }

  private static boolean matches(String pattern, String action) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action).matches();
  }
}
