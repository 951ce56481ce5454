package dev.bluegreen.provisioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwsAuthTranslationTest {

  private static final String ACCOUNT = "123456789012";
  private static final String ADMIN = "arn:aws:iam::" + ACCOUNT + ":role/oncall";
  private static final String NODE = "arn:aws:iam::" + ACCOUNT + ":role/eks-node-role";
  private static final String CI = "arn:aws:iam::" + ACCOUNT + ":user/ci";

  private static Observed.AwsAuthMapping mapping(String arn, String username, String... groups) {
    return new Observed.AwsAuthMapping(arn, username, List.of(groups));
  }

  private static AwsAuthTranslation roles(Observed.AwsAuthMapping... roles) {
    return AwsAuthTranslation.of(
        Observed.AwsAuth.read(List.of(roles), List.of(), List.of()), Set.of());
  }

  private static AwsAuthTranslation.Carried only(AwsAuthTranslation t) {
    assertEquals(1, t.carried().size(), () -> "carried: " + t);
    return t.carried().get(0);
  }

  @Test
  void systemMasters_becomesClusterAdminPolicy() {
    AwsAuthTranslation.Carried c = only(roles(mapping(ADMIN, "oncall", "system:masters")));

    assertEquals(ADMIN, c.principalArn());
    assertEquals(List.of(), c.kubernetesGroups(), "EKS refuses system: groups");
    assertEquals(
        List.of(
            new Observed.AccessPolicy(AwsAuthTranslation.CLUSTER_ADMIN_POLICY, "cluster", null)),
        c.accessPolicies());
    assertEquals(List.of(), c.changes(), "the same power: nothing to report");
  }

  @Test
  void ordinaryGroupsAndUsername_areKeptAsTheyAre() {
    AwsAuthTranslation.Carried c =
        only(roles(mapping(ADMIN, "readers", "viewers", "auditors", "viewers")));

    assertEquals(List.of("viewers", "auditors"), c.kubernetesGroups());
    assertEquals("readers", c.username());
    assertEquals(List.of(), c.accessPolicies());
    assertEquals(List.of(), c.changes());
  }

  @Test
  void otherSystemGroups_areDroppedAndReported() {
    AwsAuthTranslation t = roles(mapping(ADMIN, "ops", "ops", "system:authenticated"));
    AwsAuthTranslation.Carried c = only(t);

    assertEquals(List.of("ops"), c.kubernetesGroups());
    assertTrue(c.changes().get(0).contains("system:authenticated"), c.changes()::toString);
    assertFalse(t.complete());
  }

  @Test
  void nodeRole_isSkipped_becauseEksCreatesItsEntry() {
    AwsAuthTranslation t =
        roles(
            mapping(
                NODE, "system:node:{{EC2PrivateDNSName}}", "system:bootstrappers", "system:nodes"));

    assertEquals(List.of(), t.carried());
    assertEquals(NODE, t.skipped().get(0).arn());
    assertTrue(t.skipped().get(0).reason().contains("EC2_LINUX"));
    assertTrue(t.complete(), "skipping a node role loses nothing");
  }

  @Test
  void principalWithAnAccessEntryOnBlue_isNotDuplicated_theEntryWins() {
    AwsAuthTranslation t =
        AwsAuthTranslation.of(
            Observed.AwsAuth.read(
                List.of(mapping(ADMIN, null, "system:masters")), List.of(), List.of()),
            Set.of(ADMIN));

    assertEquals(List.of(), t.carried());
    assertTrue(t.skipped().get(0).reason().contains("access entry"), t.skipped()::toString);
    assertTrue(t.complete());
  }

  @Test
  void sessionNameAtTheEndAfterAColon_isKept_asEksAccepts() {
    assertEquals(
        "oncall:{{SessionName}}",
        only(roles(mapping(ADMIN, "oncall:{{SessionName}}", "ops"))).username());
    assertEquals(
        "oncall:{{SessionNameRaw}}",
        only(roles(mapping(ADMIN, "oncall:{{SessionNameRaw}}", "ops"))).username());
  }

  @Test
  void templatesAccessEntriesDoNotSupport_leaveTheUsernameToEks_andAreReported() {
    for (String username :
        List.of(
            "{{AccountID}}:oncall", // a template other than the session name
            "oncall:{{SessionName}}:x", // not at the end
            "oncall{{SessionName}}", // no colon before it
            "admin:{{AccessKeyID}}")) {
      AwsAuthTranslation.Carried c = only(roles(mapping(ADMIN, username, "ops")));
      assertNull(c.username(), username);
      assertTrue(c.changes().get(0).contains(username), c.changes()::toString);
    }
  }

  @Test
  void reservedUsernamePrefix_leavesTheUsernameToEks() {
    AwsAuthTranslation.Carried c = only(roles(mapping(ADMIN, "system:admin", "ops")));

    assertNull(c.username());
    assertTrue(c.changes().get(0).contains("system:"), c.changes()::toString);
  }

  @Test
  void userWithATemplate_leavesTheUsernameToEks_templatesAreForRoles() {
    AwsAuthTranslation t =
        AwsAuthTranslation.of(
            Observed.AwsAuth.read(
                List.of(), List.of(mapping(CI, "ci:{{SessionName}}", "deployers")), List.of()),
            Set.of());

    assertNull(only(t).username());
    assertEquals("mapUsers", only(t).from());
  }

  @Test
  void assumedRoleArn_isCarriedAsItsRole_becauseEksRefusesSessions() {
    AwsAuthTranslation.Carried c =
        only(
            roles(
                mapping(
                    "arn:aws:sts::" + ACCOUNT + ":assumed-role/oncall/alice", "oncall", "ops")));

    assertEquals(ADMIN, c.principalArn());
    assertTrue(c.changes().get(0).contains("assumed-role"), c.changes()::toString);
  }

  @Test
  void roleArnWithAPath_isCarriedWithItsPath_andReported() {
    String withPath = "arn:aws:iam::" + ACCOUNT + ":role/teams/search/oncall";
    AwsAuthTranslation.Carried c = only(roles(mapping(withPath, "oncall", "ops")));

    assertEquals(withPath, c.principalArn(), "access entries take the path");
    assertTrue(c.changes().get(0).contains("path"), c.changes()::toString);
  }

  @Test
  void mapAccounts_missingOrForeignArns_andDuplicates_areReportedNotCarried() {
    AwsAuthTranslation t =
        AwsAuthTranslation.of(
            Observed.AwsAuth.read(
                List.of(
                    mapping(null, "x", "ops"),
                    mapping(CI, "ci", "ops"),
                    mapping(ADMIN, "a", "ops"),
                    mapping(ADMIN, "b", "system:masters")),
                List.of(mapping(ADMIN, "u", "ops")),
                List.of("210987654321")),
            Set.of());

    assertEquals(List.of(ADMIN), t.carried().stream().map(c -> c.principalArn()).toList());
    assertEquals("a", t.carried().get(0).username(), "the first mapping of a principal");
    List<String> expected =
        List.of(
            "mapRoles null: no rolearn in the mapping",
            "mapRoles " + CI + ": not an IAM role ARN",
            "mapRoles " + ADMIN + ": mapped more than once",
            "mapUsers " + ADMIN + ": not an IAM user ARN",
            "mapAccounts 210987654321: aws-auth authenticates every IAM principal");
    List<String> reported =
        t.notCarried().stream().map(l -> l.from() + " " + l.arn() + ": " + l.reason()).toList();
    assertEquals(expected.size(), reported.size(), reported::toString);
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(reported.get(i).startsWith(expected.get(i)), reported.get(i));
    }
    assertFalse(t.complete());
  }

  @Test
  void plans_areStandardEntriesWithTheUpgradesTags() {
    List<GreenPlan.AccessEntryPlan> plans =
        roles(mapping(ADMIN, "oncall", "system:masters", "ops"))
            .plans(Map.of(GreenTags.UPGRADE_ID, "up-1"));

    assertEquals(1, plans.size());
    GreenPlan.AccessEntryPlan p = plans.get(0);
    assertEquals("STANDARD", p.type());
    assertEquals(List.of("ops"), p.kubernetesGroups());
    assertEquals(AwsAuthTranslation.CLUSTER_ADMIN_POLICY, p.accessPolicies().get(0).policyArn());
    assertEquals("up-1", p.tags().get(GreenTags.UPGRADE_ID));
  }

  @Test
  void mirror_addsTheCarriedMappingsAfterBluesOwnEntries() {
    Observed.AccessEntry entry =
        new Observed.AccessEntry(NODE, List.of(), null, "EC2_LINUX", Map.of(), List.of());
    GreenPlan plan =
        GreenPlan.mirror(
            Fixtures.UPGRADE,
            "payments-green",
            "1.31",
            Fixtures.blue("ACTIVE"),
            List.of(),
            List.of(),
            Map.of(),
            List.of(entry),
            roles(mapping(ADMIN, "oncall", "system:masters")),
            Map.of());

    assertEquals(List.of(ADMIN), plan.accessEntries().stream().map(e -> e.principalArn()).toList());
  }

  // ------------------------------------------------------------------ the pre-flight check

  @Test
  void check_passes_whenEveryMappingIsCarriedOrSkipped_andListsThem() {
    Check c =
        Preflight.awsAuthTranslatable(
            "API_AND_CONFIG_MAP",
            roles(
                mapping(NODE, null, "system:bootstrappers", "system:nodes"),
                mapping(ADMIN, "oncall", "system:masters")));

    assertEquals(CheckResult.PASS, c.result(), c.reason());
    assertEquals(Preflight.AWS_AUTH_TRANSLATABLE, c.name());
    assertEquals("read", c.data().get("awsAuth"));
    assertEquals(
        List.of(
            Map.of(
                "from",
                "mapRoles",
                "arn",
                ADMIN,
                "principalArn",
                ADMIN,
                "username",
                "oncall",
                "kubernetesGroups",
                List.of(),
                "accessPolicies",
                List.of(AwsAuthTranslation.CLUSTER_ADMIN_POLICY + " cluster"),
                "changes",
                List.of())),
        c.data().get("carried"));
    assertEquals(1, ((List<?>) c.data().get("skipped")).size());
  }

  @Test
  void check_warns_whenSomethingCannotBeCarried_namingIt() {
    Check c =
        Preflight.awsAuthTranslatable(
            "CONFIG_MAP",
            AwsAuthTranslation.of(
                Observed.AwsAuth.read(List.of(), List.of(), List.of("210987654321")), Set.of()));

    assertEquals(CheckResult.WARN, c.result());
    assertTrue(c.reason().contains("210987654321"), c.reason());
  }

  @Test
  void check_passes_whenBlueIsApiOnlyOrHasNoConfigMap() {
    assertEquals(
        CheckResult.PASS,
        Preflight.awsAuthTranslatable(
                "API", AwsAuthTranslation.of(Observed.AwsAuth.notUsed("API"), Set.of()))
            .result());
    assertEquals(
        CheckResult.PASS,
        Preflight.awsAuthTranslatable(
                "API_AND_CONFIG_MAP", AwsAuthTranslation.of(Observed.AwsAuth.absent(), Set.of()))
            .result());
  }

  @Test
  void check_fails_whenAwsAuthCannotBeRead_becauseProvisioningWouldStop() {
    Check c =
        Preflight.awsAuthTranslatable(
            "CONFIG_MAP",
            AwsAuthTranslation.of(Observed.AwsAuth.unreadable("HTTP 403 Forbidden"), Set.of()));

    assertEquals(CheckResult.FAIL, c.result());
    assertTrue(c.reason().contains("HTTP 403 Forbidden"), c.reason());
  }
}
