package dev.bluegreen.deployer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.deployer.core.Observations.DnsLookup;
import dev.bluegreen.deployer.core.Observations.LookupOutcome;
import dev.bluegreen.deployer.core.Observations.NodeState;
import dev.bluegreen.deployer.core.Observations.PodState;
import dev.bluegreen.deployer.core.Observations.Probe;
import dev.bluegreen.deployer.core.Observations.ProbeAnswer;
import dev.bluegreen.deployer.core.Observations.TargetState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmokeChecksTest {

  @Test
  void sharedResources_oneUnreachable_failsNamingIt_andAllReachable_passes() {
    Observations.Connection db =
        new Observations.Connection("db:5432", "default/j1", LookupOutcome.RESOLVED, null);
    Observations.Connection cache =
        new Observations.Connection(
            "cache:6379", "default/j2", LookupOutcome.FAILED, "Connection timed out");

    Check failing = SmokeChecks.sharedResources(List.of(db, cache));
    Check passing = SmokeChecks.sharedResources(List.of(db));

    assertEquals("shared-resources", failing.name());
    assertEquals(CheckResult.FAIL, failing.result());
    assertTrue(
        failing.reason().contains("cache:6379 (failed: Connection timed out)"), failing.reason());
    assertFalse(failing.reason().contains("db:5432"), failing.reason());
    assertEquals(CheckResult.PASS, passing.result(), passing.reason());
  }

  @Test
  void apiServerDown_fails() {
    Check c = SmokeChecks.apiServer(Optional.empty(), "connection refused");
    assertEquals(CheckResult.FAIL, c.result());
    assertTrue(c.reason().contains("connection refused"));
  }

  @Test
  void oneNodeNotReady_failsNamingIt() {
    Check c =
        SmokeChecks.nodesReady(List.of(new NodeState("n1", true), new NodeState("n2", false)), 1);
    assertEquals(CheckResult.FAIL, c.result());
    assertTrue(c.reason().contains("n2"));
  }

  @Test
  void noNodes_failsBelowMinimum() {
    assertEquals(CheckResult.FAIL, SmokeChecks.nodesReady(List.of(), 1).result());
  }

  @Test
  void crashLoopingAddOn_failsCoreAddOns() {
    List<PodState> pods =
        List.of(
            new PodState("kube-system", "aws-node-1", Map.of(), "Running", true),
            new PodState("kube-system", "kube-proxy-1", Map.of(), "Running", false));
    Check c = SmokeChecks.coreAddOns(pods);
    assertEquals(CheckResult.FAIL, c.result());
    assertTrue(c.reason().contains("kube-proxy-1"));
  }

  @Test
  void dns_passesOnlyWhenTheInClusterLookupResolves_andWarnsWhenCoreDnsIsPartlyReady() {
    Map<String, String> dns = Map.of("k8s-app", "kube-dns");
    PodState a = new PodState("kube-system", "coredns-a", dns, "Running", true);
    PodState b = new PodState("kube-system", "coredns-b", dns, "Pending", false);
    String host = "kubernetes.default.svc.cluster.local";
    DnsLookup resolved = new DnsLookup(host, "default/j", LookupOutcome.RESOLVED, null);
    DnsLookup failed =
        new DnsLookup(host, "default/j", LookupOutcome.FAILED, "BackoffLimitExceeded: NXDOMAIN");

    assertEquals(CheckResult.PASS, SmokeChecks.dns(List.of(a), resolved).result());
    assertEquals(CheckResult.WARN, SmokeChecks.dns(List.of(a, b), resolved).result());
    Check fail = SmokeChecks.dns(List.of(a), failed);
    assertEquals(CheckResult.FAIL, fail.result(), "Ready CoreDNS pods do not make up for it");
    assertTrue(fail.reason().contains("does not resolve") && fail.reason().contains("NXDOMAIN"));
    assertEquals(
        CheckResult.FAIL,
        SmokeChecks.dns(
                List.of(a), new DnsLookup(host, "default/j", LookupOutcome.TIMED_OUT, "2 min"))
            .result());
    assertEquals(
        CheckResult.FAIL,
        SmokeChecks.dns(
                List.of(a), new DnsLookup(host, "default/j", LookupOutcome.NOT_RUN, "Forbidden"))
            .result());
  }

  @Test
  void unhealthyTarget_failsWithElbReason() {
    Check c =
        SmokeChecks.targetHealth(
            "tg-green",
            List.of(
                new TargetState(
                    "10.0.0.1", 8080, "unhealthy", "Target.ResponseCodeMismatch", "503")),
            null);
    assertEquals(CheckResult.FAIL, c.result());
    assertTrue(c.reason().contains("Target.ResponseCodeMismatch"));
  }

  @Test
  void probeAnsweringUnexpectedStatus_fails() {
    Probe p = new Probe("web", "team", "web", 80, "/healthz", 200);
    assertEquals(CheckResult.FAIL, SmokeChecks.httpProbe(p, new ProbeAnswer(503, null)).result());
    Check ok = SmokeChecks.httpProbe(p, new ProbeAnswer(200, null));
    assertEquals(CheckResult.PASS, ok.result());
    assertEquals("http:web", ok.name());
  }

  @Test
  void warningsDoNotBlock_failuresDo() {
    Check warn = new Check("dns", CheckResult.WARN, "", Map.of());
    Check fail = new Check("x", CheckResult.FAIL, "", Map.of());
    assertTrue(SmokeChecks.passed(List.of(warn)));
    assertFalse(SmokeChecks.passed(List.of(warn, fail)));
  }
}
