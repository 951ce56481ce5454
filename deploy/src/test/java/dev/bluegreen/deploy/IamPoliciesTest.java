package dev.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies in {@code deploy/iam} are least privilege, read against each service's code: one
 * per service that uses the AWS SDK; valid policy documents; explicit actions only (no wildcards),
 * of the AWS services the service's code has clients for; every allowed action one the code calls
 * (or one AWS requires alongside such a call, listed in {@link #IMPLIED}); write actions scoped by
 * resource or condition; the orchestrator's (inventory and planning) read-only. That the code calls
 * nothing outside its policy is checked at run time by the e2e runs ({@code IamPolicies} in e2e/,
 * from the calls cloud-sim records per service).
 */
class IamPoliciesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path POLICIES = ROOT.resolve("deploy/iam");
  private static final Pattern SDK_IMPORT =
      Pattern.compile("import software\\.amazon\\.awssdk\\.services\\.([a-z0-9]+)\\.");

  /** SDK packages → IAM service prefixes. */
  private static final Map<String, String> IAM_PREFIX =
      Map.of(
          "eks", "eks",
          "ec2", "ec2",
          "elasticloadbalancingv2", "elasticloadbalancing",
          "cloudwatch", "cloudwatch");

  /**
   * Actions no SDK call is named after that AWS requires with one: tags given on create ({@code
   * CreateCluster}, {@code CreateTargetGroup}) need the tagging permission, and creating a cluster
   * or node group with blue's roles needs {@code iam:PassRole}; tags given to a security-group rule
   * as it is authorized need {@code ec2:CreateTags}.
   */
  private static final Set<String> IMPLIED =
      Set.of("eks:TagResource", "elasticloadbalancing:AddTags", "ec2:CreateTags", "iam:PassRole");

  private static final Map<String, JsonNode> POLICY = new TreeMap<>();

  @BeforeAll
  static void readPolicies() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(POLICIES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString();
        POLICY.put(
            name.substring(0, name.length() - ".json".length()), json.readTree(file.toFile()));
      }
    }
  }

  @Test
  void everyServiceUsingTheAwsSdk_hasAPolicy_andEveryPolicyNamesAService() throws IOException {
    Set<String> awsServices = new TreeSet<>();
    Set<String> all = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(ROOT.resolve("services"))) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        all.add(dir.getFileName().toString());
        if (!sdkPackages(dir.getFileName().toString()).isEmpty()) {
          awsServices.add(dir.getFileName().toString());
        }
      }
    }
    assertTrue(awsServices.size() >= 5, "services with AWS clients: " + awsServices);
    assertEquals(awsServices, new TreeSet<>(POLICY.keySet()), "deploy/iam/<service>.json");
    assertTrue(all.containsAll(POLICY.keySet()), "a policy for a service that does not exist");
  }

  @Test
  void everyPolicy_isAValidDocument_withExplicitActionsOfTheAwsServicesItsCodeUses()
      throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : POLICY.entrySet()) {
      problems.addAll(shapeProblems(e.getKey(), e.getValue(), allowedPrefixes(e.getKey())));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyAllowedAction_isOneTheServicesCodeCalls() throws IOException {
    List<String> unused = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : POLICY.entrySet()) {
      String code = code(e.getKey());
      for (JsonNode statement : e.getValue().path("Statement")) {
        if (!statement.path("Effect").asText().equals("Allow")) {
          continue;
        }
        for (String action : actions(statement)) {
          String operation = action.substring(action.indexOf(':') + 1);
          String method = Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
          if (!IMPLIED.contains(action)
              && !Pattern.compile("\\." + method + "(Paginator)?\\(").matcher(code).find()) {
            unused.add(e.getKey() + ": " + action);
          }
        }
      }
    }
    assertEquals(List.of(), unused, "allowed but never called: least privilege says remove them");
  }

  @Test
  void theOrchestratorsInventoryPolicy_isReadOnly() {
    for (JsonNode statement : POLICY.get("orchestrator").path("Statement")) {
      for (String action : actions(statement)) {
        assertTrue(isRead(action), "the orchestrator only lists and describes: " + action);
      }
    }
  }

  @Test
  void theDecommissioner_isDeniedEveryDestructiveCallOnProtectedResources() {
    Set<String> denied = new HashSet<>();
    Set<String> writes = new HashSet<>();
    for (JsonNode statement : POLICY.get("decommissioner").path("Statement")) {
      boolean deny = statement.path("Effect").asText().equals("Deny");
      if (deny) {
        assertEquals(
            "false",
            statement
                .path("Condition")
                .path("Null")
                .path("aws:ResourceTag/bluegreen.dev/protected")
                .asText());
      }
      for (String action : actions(statement)) {
        (deny ? denied : writes).add(action);
      }
    }
    writes.removeIf(IamPoliciesTest::isRead);
    writes.remove("elasticloadbalancing:ModifyRule"); // untying a rule destroys nothing
    assertEquals(writes, denied);
  }

  @Test
  void theShapeCheck_catchesWildcardsUnscopedWritesForeignServicesAndBadStatements()
      throws IOException {
    JsonNode bad =
        new ObjectMapper()
            .readTree(
                """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"A","Effect":"Allow","Action":"eks:*","Resource":"*"},
                  {"Sid":"B","Effect":"Allow","Action":["eks:DeleteCluster"],"Resource":"*"},
                  {"Sid":"C","Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"},
                  {"Sid":"C","Effect":"Maybe","Action":["eks:ListClusters"]}]}
                """);
    List<String> problems = shapeProblems("example", bad, Set.of("eks"));
    assertEquals(7, problems.size(), String.join("\n", problems));
  }

  private static List<String> shapeProblems(String service, JsonNode policy, Set<String> prefixes) {
    List<String> problems = new ArrayList<>();
    if (!policy.path("Version").asText().equals("2012-10-17")) {
      problems.add(service + ": Version must be 2012-10-17");
    }
    if (!policy.path("Statement").isArray() || policy.path("Statement").isEmpty()) {
      problems.add(service + ": no Statement list");
    }
    Set<String> sids = new HashSet<>();
    for (JsonNode s : policy.path("Statement")) {
      String sid = s.path("Sid").asText();
      String where = service + " " + sid + ": ";
      if (sid.isEmpty() || !sids.add(sid)) {
        problems.add(where + "every statement needs its own Sid");
      }
      String effect = s.path("Effect").asText();
      if (!effect.equals("Allow") && !effect.equals("Deny")) {
        problems.add(where + "Effect must be Allow or Deny");
      }
      if (s.path("Resource").isMissingNode()) {
        problems.add(where + "no Resource");
      }
      boolean scoped =
          !s.path("Condition").isMissingNode() || !s.path("Resource").asText("").equals("*");
      for (String action : actions(s)) {
        String prefix = action.contains(":") ? action.substring(0, action.indexOf(':')) : "";
        if (action.contains("*") || action.contains("?")) {
          problems.add(where + "wildcard action " + action);
        } else if (action.equals("iam:PassRole")) {
          if (s.path("Condition")
              .path("StringEquals")
              .path("iam:PassedToService")
              .isMissingNode()) {
            problems.add(where + "iam:PassRole without an iam:PassedToService condition");
          }
        } else if (!prefixes.contains(prefix)) {
          problems.add(
              where + action + " is not of a service its code has clients for " + prefixes);
        }
        if (effect.equals("Allow") && !isRead(action) && !scoped) {
          problems.add(where + action + " writes on Resource * without a condition");
        }
      }
    }
    return problems;
  }

  private static boolean isRead(String action) {
    String operation = action.substring(action.indexOf(':') + 1);
    return operation.startsWith("Describe")
        || operation.startsWith("List")
        || operation.startsWith("Get");
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

  /** IAM prefixes of the SDK clients the service's code uses. */
  private static Set<String> allowedPrefixes(String service) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String pkg : sdkPackages(service)) {
      if (IAM_PREFIX.containsKey(pkg)) {
        out.add(IAM_PREFIX.get(pkg));
      }
    }
    return out;
  }

  private static Set<String> sdkPackages(String service) throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m = SDK_IMPORT.matcher(code(service));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * The service's main sources, plus libs/cloud's {@code KubernetesClients} when it uses them (they
   * call {@code DescribeCluster} for the service) and {@code SecurityGroupRules} likewise (EC2).
   */
  private static String code(String service) throws IOException {
    StringBuilder code = new StringBuilder();
    Path main = ROOT.resolve("services/" + service + "/src/main/java");
    if (Files.isDirectory(main)) {
      try (Stream<Path> files = Files.walk(main)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          code.append(Files.readString(f)).append('\n');
        }
      }
    }
    if (code.indexOf("SecurityGroupRules") >= 0) {
      code.append(
          Files.readString(
              ROOT.resolve(
                  "libs/cloud/src/main/java/dev/bluegreen/cloud/SecurityGroupRules.java")));
    }
    if (code.indexOf("KubernetesClients") >= 0) {
      code.append(
          Files.readString(
              ROOT.resolve("libs/cloud/src/main/java/dev/bluegreen/cloud/KubernetesClients.java")));
    }
    return code.toString();
  }
}
