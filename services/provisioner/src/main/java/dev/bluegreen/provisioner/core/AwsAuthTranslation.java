package dev.bluegreen.provisioner.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blue's aws-auth mappings as access entries on green (green's authentication mode is API, so
 * aws-auth means nothing there). What EKS accepts in an access entry decides what is carried:
 *
 * <ul>
 *   <li>principal: an IAM role or user ARN. A role may have a path (aws-auth cannot: a mapping with
 *       one never matched on blue, so carrying it grants what blue did not, and is said so). An STS
 *       {@code assumed-role} ARN is a session, which EKS refuses: its role is carried instead.
 *   <li>username: kept when EKS accepts it: not starting with {@code system:}, {@code eks:}, {@code
 *       aws:}, {@code amazon:}, {@code iam:}; the only templates are {@code {{SessionName}}} and
 *       {@code {{SessionNameRaw}}}, at the end, for roles, with a colon before them. Otherwise it
 *       is left out and EKS gives its default username (the session's STS ARN for a role, the ARN
 *       for a user), which is reported: RBAC bound to the old name no longer applies.
 *   <li>groups: EKS refuses {@code system:} groups. {@code system:masters} becomes {@code
 *       AmazonEKSClusterAdminPolicy} on the cluster (the same power); other {@code system:} groups
 *       are reported as not carried.
 * </ul>
 *
 * Node roles ({@code system:bootstrappers} and {@code system:nodes}) are skipped: EKS creates the
 * EC2_LINUX entry of green's managed node groups itself. A principal that already has an access
 * entry on blue is skipped too: EKS uses the entry over aws-auth, and the entry is mirrored. What
 * cannot be carried is listed with the reason, never dropped silently.
 *
 * @param state whether aws-auth was read at all
 * @param detail why not, when it was not
 * @param carried mappings that become access entries on green
 * @param skipped mappings green does not need (node roles, principals with an access entry)
 * @param notCarried what green will not have (mapAccounts, unusable ARNs, duplicates)
 */
public record AwsAuthTranslation(
    Observed.AwsAuthState state,
    String detail,
    List<Carried> carried,
    List<Left> skipped,
    List<Left> notCarried) {

  /** EKS's managed policy equal to {@code system:masters}. */
  public static final String CLUSTER_ADMIN_POLICY =
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

  static final String MASTERS = "system:masters";
  private static final Set<String> NODE_GROUPS = Set.of("system:bootstrappers", "system:nodes");
  private static final List<String> RESERVED_USERNAME_PREFIXES =
      List.of("system:", "eks:", "aws:", "amazon:", "iam:");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^}]*}}");
  private static final Pattern SESSION_SUFFIX =
      Pattern.compile("^(.*):(.*)\\{\\{(SessionName|SessionNameRaw)}}$");
  private static final Pattern ROLE =
      Pattern.compile("^arn:(aws[a-z-]*):iam::(\\d{12}):role/((?:[^/]+/)*)([^/]+)$");
  private static final Pattern ASSUMED_ROLE =
      Pattern.compile("^arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)/[^/]+$");
  private static final Pattern USER =
      Pattern.compile("^arn:(aws[a-z-]*):iam::(\\d{12}):user/(?:[^/]+/)*[^/]+$");

  public AwsAuthTranslation {
    carried = List.copyOf(carried);
    skipped = List.copyOf(skipped);
    notCarried = List.copyOf(notCarried);
  }

  /**
   * One mapping carried as an access entry.
   *
   * @param from mapRoles or mapUsers
   * @param mappedArn the ARN as aws-auth has it
   * @param principalArn the access entry's principal
   * @param username the entry's username, null for EKS's default
   * @param kubernetesGroups the entry's groups (no {@code system:} ones)
   * @param accessPolicies policies standing in for {@code system:masters}
   * @param changes what differs from blue's mapping, for a person to look at (empty: exact)
   */
  public record Carried(
      String from,
      String mappedArn,
      String principalArn,
      String username,
      List<String> kubernetesGroups,
      List<Observed.AccessPolicy> accessPolicies,
      List<String> changes) {
    public Carried {
      kubernetesGroups = List.copyOf(kubernetesGroups);
      accessPolicies = List.copyOf(accessPolicies);
      changes = List.copyOf(changes);
    }
  }

  /**
   * A mapping (or account) not turned into an access entry, and why.
   *
   * @param from mapRoles, mapUsers or mapAccounts
   * @param arn the ARN or account id as aws-auth has it
   * @param reason why
   */
  public record Left(String from, String arn, String reason) {}

  /**
   * Translates blue's aws-auth.
   *
   * @param awsAuth what was read
   * @param principalsWithAccessEntries principal ARNs of blue's access entries
   */
  public static AwsAuthTranslation of(
      Observed.AwsAuth awsAuth, Set<String> principalsWithAccessEntries) {
    List<Carried> carried = new ArrayList<>();
    List<Left> skipped = new ArrayList<>();
    List<Left> notCarried = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Observed.AwsAuthMapping m : awsAuth.mapRoles()) {
      translate(
          "mapRoles", m, true, principalsWithAccessEntries, seen, carried, skipped, notCarried);
    }
    for (Observed.AwsAuthMapping m : awsAuth.mapUsers()) {
      translate(
          "mapUsers", m, false, principalsWithAccessEntries, seen, carried, skipped, notCarried);
    }
    for (String account : awsAuth.mapAccounts()) {
      notCarried.add(
          new Left(
              "mapAccounts",
              account,
              "aws-auth authenticates every IAM principal of account "
                  + account
                  + "; access entries name one principal each: create entries on green for the"
                  + " principals that need access"));
    }
    return new AwsAuthTranslation(awsAuth.state(), awsAuth.detail(), carried, skipped, notCarried);
  }

  /** True when green will give every aws-auth identity exactly what blue gives it. */
  public boolean complete() {
    return state != Observed.AwsAuthState.UNREADABLE
        && notCarried.isEmpty()
        && carried.stream().allMatch(c -> c.changes().isEmpty());
  }

  /** The access entries green gets, tagged with {@code tags}. */
  public List<GreenPlan.AccessEntryPlan> plans(Map<String, String> tags) {
    return carried.stream()
        .map(
            c ->
                new GreenPlan.AccessEntryPlan(
                    c.principalArn(),
                    c.kubernetesGroups(),
                    c.username(),
                    "STANDARD",
                    tags,
                    c.accessPolicies()))
        .toList();
  }

  private static void translate(
      String from,
      Observed.AwsAuthMapping m,
      boolean role,
      Set<String> withEntries,
      Set<String> seen,
      List<Carried> carried,
      List<Left> skipped,
      List<Left> notCarried) {
    if (m.arn() == null || m.arn().isBlank()) {
      notCarried.add(
          new Left(from, null, "no " + (role ? "rolearn" : "userarn") + " in the mapping"));
      return;
    }
    String arn = m.arn().trim();
    List<String> changes = new ArrayList<>();
    String principal;
    if (role) {
      Matcher assumed = ASSUMED_ROLE.matcher(arn);
      Matcher r = ROLE.matcher(arn);
      if (assumed.matches()) {
        principal =
            "arn:" + assumed.group(1) + ":iam::" + assumed.group(2) + ":role/" + assumed.group(3);
        changes.add(
            "an STS assumed-role ARN is a session, which access entries refuse: carried as its"
                + " role "
                + principal
                + " (aws-auth never matched a session ARN; if the role has a path, EKS needs it"
                + " in the ARN)");
      } else if (r.matches()) {
        principal = arn;
        if (!r.group(3).isEmpty()) {
          changes.add(
              "the role ARN has a path, which aws-auth does not match (so blue never granted"
                  + " this mapping); access entries need the path, so green will grant it");
        }
      } else {
        notCarried.add(new Left(from, arn, "not an IAM role ARN"));
        return;
      }
    } else {
      if (!USER.matcher(arn).matches()) {
        notCarried.add(new Left(from, arn, "not an IAM user ARN"));
        return;
      }
      principal = arn;
    }
    if (m.groups().containsAll(NODE_GROUPS)) {
      skipped.add(
          new Left(
              from,
              arn,
              "node role: EKS creates the EC2_LINUX access entry of green's managed node groups"
                  + " itself"));
      return;
    }
    if (withEntries.contains(principal) || withEntries.contains(arn)) {
      skipped.add(
          new Left(
              from,
              arn,
              "blue has an access entry for "
                  + principal
                  + ", which EKS uses instead of aws-auth; that entry is mirrored to green"));
      return;
    }
    if (!seen.add(principal)) {
      notCarried.add(
          new Left(
              from,
              arn,
              "mapped more than once in aws-auth; only the first mapping of "
                  + principal
                  + " is carried"));
      return;
    }
    List<String> groups = new ArrayList<>();
    List<Observed.AccessPolicy> policies = new ArrayList<>();
    for (String g : m.groups()) {
      if (MASTERS.equals(g)) {
        policies.add(new Observed.AccessPolicy(CLUSTER_ADMIN_POLICY, "cluster", List.of()));
      } else if (g.startsWith("system:")) {
        changes.add(
            "group "
                + g
                + " dropped: access entries refuse system: groups, so what RBAC grants it on"
                + " blue is not granted on green");
      } else if (!groups.contains(g)) {
        groups.add(g);
      }
    }
    String username = username(m.username(), role, changes);
    carried.add(new Carried(from, arn, principal, username, groups, policies, changes));
  }

  /** The username EKS will accept, or null (EKS's default) with the reason in {@code changes}. */
  private static String username(String username, boolean role, List<String> changes) {
    if (username == null || username.isBlank()) {
      return null;
    }
    String why = null;
    for (String prefix : RESERVED_USERNAME_PREFIXES) {
      if (username.startsWith(prefix)) {
        why = "access entry usernames cannot start with " + prefix;
      }
    }
    if (why == null && TEMPLATE.matcher(username).find()) {
      Matcher session = SESSION_SUFFIX.matcher(username);
      String head = username.replaceAll("\\{\\{(SessionName|SessionNameRaw)}}$", "");
      if (!role) {
        why = "templates are for roles only in access entries";
      } else if (TEMPLATE.matcher(head).find()) {
        why =
            "access entries support only {{SessionName}} or {{SessionNameRaw}}, at the end of the"
                + " username";
      } else if (!session.matches()) {
        why = "access entries need a colon before {{SessionName}}";
      }
    }
    if (why == null) {
      return username;
    }
    changes.add(
        "username "
            + username
            + " not kept ("
            + why
            + "): EKS's default username instead, so RBAC bound to that user name does not"
            + " apply on green");
    return null;
  }
}
