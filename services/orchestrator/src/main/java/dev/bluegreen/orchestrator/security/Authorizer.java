package dev.bluegreen.orchestrator.security;

import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.orchestrator.cloud.EksFleet;
import dev.bluegreen.orchestrator.rest.Problem;
import dev.bluegreen.orchestrator.rest.ProblemException;
import dev.bluegreen.orchestrator.rest.UpgradeView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the verified caller of the current request may do. Every refusal goes through {@link
 * DeniedAttempts} and ends the request with a problem: 403 for the wrong team or four eyes (naming
 * the owning team or the policy), 422 for a request that loosens a policy.
 */
@ApplicationScoped
public class Authorizer {

  private final SecurityIdentity identity;
  private final SecurityConfig config;
  private final ClusterOwners owners;
  private final DeniedAttempts denied;
  private final Groups groups;
  private final Policies policies;

  public Authorizer(
      SecurityIdentity identity,
      SecurityConfig config,
      ClusterOwners owners,
      DeniedAttempts denied) {
    this.identity = identity;
    this.config = config;
    this.owners = owners;
    this.denied = denied;
    this.groups = new Groups(config);
    this.policies = new Policies(config.policies());
  }

  /** The caller of the current request, from its verified token. */
  public Caller caller() {
    String actor = null;
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      Object claim = jwt.getClaim(config.actorClaim());
      actor = claim == null ? null : claim.toString().replace("\"", "");
    }
    if (actor == null || actor.isBlank()) {
      actor = identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
    if (actor == null) {
      // The HTTP permissions let no anonymous call reach the API; this is the belt to them.
      throw new ProblemException(
          Problem.of(401, "unauthenticated", "Not authenticated", "no verified caller", null));
    }
    return groups.caller(actor, identity.getRoles());
  }

  /** The caller, if they may request an upgrade of the cluster; refuses a loosened policy too. */
  public Caller mayRequest(String logicalCluster, String blueCluster, UpgradePlan plan) {
    Caller caller = caller();
    Map<String, String> tags = tags(logicalCluster, blueCluster);
    String team = owners.team(tags);
    if (!caller.has(Role.OPERATOR, team)) {
      throw forbidden(
          caller, "request", DeniedAttempts.About.cluster(logicalCluster), team, Role.OPERATOR);
    }
    List<Policies.Refusal> refusals = policies.check(plan, tags);
    if (!refusals.isEmpty()) {
      Policies.Refusal r = refusals.get(0);
      denied.record(
          new DeniedAttempts.Denial(
              422,
              "policy",
              caller.actor(),
              "request",
              DeniedAttempts.About.cluster(logicalCluster),
              r.detail()));
      throw new ProblemException(
          Problem.of(422, "policy", "The request loosens a policy", r.detail(), r.field()));
    }
    return caller;
  }

  /**
   * Refuses a campaign whose plan (the template, or a member's own) loosens a policy of a member's
   * cluster: 422 naming the member and the policy. Campaigns are an admin's, but policy binds them.
   */
  public void campaignKeepsPolicies(
      Caller caller, List<CampaignMember> members, UpgradePlan template) {
    for (CampaignMember m : members) {
      UpgradePlan plan = m.plan() != null ? m.plan() : template;
      List<Policies.Refusal> refusals = policies.check(plan, tags(m.cluster(), m.blueCluster()));
      if (!refusals.isEmpty()) {
        Policies.Refusal r = refusals.get(0);
        String detail = m.cluster() + ": " + r.detail();
        denied.record(
            new DeniedAttempts.Denial(
                422,
                "policy",
                caller.actor(),
                "campaign.create",
                DeniedAttempts.About.cluster(m.cluster()),
                detail));
        throw new ProblemException(
            Problem.of(
                422, "policy", "The campaign loosens a policy", detail, "plan." + r.field()));
      }
    }
  }

  /** The caller, if they may take {@code action} on the upgrade (approve: four eyes too). */
  public Caller mayControl(String action, UpgradeView upgrade) {
    Caller caller = caller();
    String logical = logicalOf(upgrade);
    Map<String, String> tags = tags(logical, upgrade.cluster());
    String team = owners.team(tags);
    Role needed = "approve".equals(action) ? Role.APPROVER : Role.OPERATOR;
    if (!caller.has(needed, team)) {
      throw forbidden(
          caller, action, DeniedAttempts.About.upgrade(logical, upgrade.id()), team, needed);
    }
    if (needed == Role.APPROVER && caller.actor().equals(upgrade.requestedBy())) {
      var policy = policies.fourEyes(tags);
      if (policy.isPresent()) {
        String detail =
            caller.actor()
                + " requested upgrade "
                + upgrade.id()
                + " and may not approve its gates: policy '"
                + policy.get()
                + "' requires four eyes; another approver of team "
                + team
                + " must";
        denied.record(
            new DeniedAttempts.Denial(
                403,
                "four-eyes",
                caller.actor(),
                action,
                DeniedAttempts.About.upgrade(logical, upgrade.id()),
                detail));
        throw new ProblemException(Problem.of(403, "four-eyes", "Four eyes", detail, null));
      }
    }
    return caller;
  }

  /**
   * The caller, if a platform admin: campaigns (and anything else that spans teams) are theirs.
   *
   * @param action what is attempted, e.g. {@code campaign.create}
   * @param target what it is about (a campaign id), null when new
   */
  public Caller mayActOnAllTeams(String action, String target) {
    return mayActOnFleet(action, DeniedAttempts.About.campaign(target));
  }

  /**
   * The caller, if a platform admin, for an action on something that spans teams (a fleet freeze).
   *
   * @param action what is attempted, e.g. {@code freeze.declare}
   * @param about what it is about, as a refusal is recorded
   */
  public Caller mayActOnFleet(String action, DeniedAttempts.About about) {
    Caller caller = caller();
    if (!caller.admin()) {
      String detail =
          caller.actor() + " may not " + action + ": it spans teams, so only platform admins may";
      denied.record(
          new DeniedAttempts.Denial(403, "not-admin", caller.actor(), action, about, detail));
      throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail, null));
    }
    return caller;
  }

  /** Refuses (403) a read of something that spans teams to all but platform viewers and admins. */
  public void mayReadAllTeams(String what) {
    mayReadAllTeams(what, DeniedAttempts.About.fleet(what));
  }

  /** Refuses (403) a read of a campaign (it spans teams) to all but platform viewers and admins. */
  public void mayReadCampaign(String campaignId) {
    mayReadAllTeams("campaign " + campaignId, DeniedAttempts.About.campaign(campaignId));
  }

  private void mayReadAllTeams(String what, DeniedAttempts.About about) {
    Caller caller = caller();
    if (!caller.readsAll()) {
      String detail =
          caller.actor() + " may not read " + what + ": it spans teams (platform viewers may)";
      denied.record(
          new DeniedAttempts.Denial(403, "not-viewer", caller.actor(), "read", about, detail));
      throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail, null));
    }
  }

  /** Refuses (403) a read of an upgrade the caller may not see. */
  public void mayRead(UpgradeView upgrade) {
    Caller caller = caller();
    if (caller.readsAll()) {
      return;
    }
    String team = owners.team(tags(logicalOf(upgrade), upgrade.cluster()));
    if (!caller.reads(team)) {
      throw forbidden(
          caller,
          "read",
          DeniedAttempts.About.upgrade(logicalOf(upgrade), upgrade.id()),
          team,
          Role.VIEWER);
    }
  }

  /** Refuses (403) a read of a logical cluster of {@code team} the caller may not see. */
  public void mayReadCluster(String cluster, String team) {
    Caller caller = caller();
    if (!caller.reads(team)) {
      throw forbidden(caller, "read", DeniedAttempts.About.cluster(cluster), team, Role.VIEWER);
    }
  }

  /** What of a list of upgrades the caller may see: everything, or their teams' upgrades. */
  public Predicate<UpgradeView> upgradesVisible() {
    Caller caller = caller();
    if (caller.readsAll()) {
      return u -> true;
    }
    Map<String, Map<String, String>> tags = fleetTags();
    return u -> caller.reads(owners.team(tags.getOrDefault(logicalOf(u), Map.of())));
  }

  /** What of a list of clusters (by team) the caller may see. */
  public Predicate<String> teamsVisible() {
    Caller caller = caller();
    return caller::reads;
  }

  private Map<String, Map<String, String>> fleetTags() {
    try {
      return owners.tagsByLogicalCluster();
    } catch (EksFleet.Unavailable u) {
      throw new ProblemException(
          Problem.of(503, "unavailable", "Temporarily unavailable", u.getMessage(), null));
    }
  }

  private Map<String, String> tags(String logical, String physical) {
    try {
      return owners.tags(logical, physical);
    } catch (EksFleet.Unavailable u) {
      throw new ProblemException(
          Problem.of(
              503,
              "unavailable",
              "Temporarily unavailable",
              "who owns the cluster is not known: " + u.getMessage(),
              null));
    }
  }

  private static String logicalOf(UpgradeView u) {
    return Objects.requireNonNullElse(u.logicalCluster(), u.cluster());
  }

  private ProblemException forbidden(
      Caller caller, String action, DeniedAttempts.About about, String team, Role needed) {
    String target = about.describe();
    String detail =
        team == null
            ? target
                + " has no owning team (no '"
                + owners.teamTag()
                + "' tag on its EKS cluster, or EKS is not asked): only platform admins may "
                + action
                + " it"
            : target
                + " is owned by team "
                + team
                + "; "
                + caller.actor()
                + " may not "
                + action
                + " it (needs the "
                + needed.name().toLowerCase(java.util.Locale.ROOT)
                + " role of team "
                + team
                + ")";
    denied.record(
        new DeniedAttempts.Denial(
            403, team == null ? "unowned" : "wrong-team", caller.actor(), action, about, detail));
    return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail, null));
  }
}
