package dev.bluegreen.orchestrator.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what, under {@code bluegreen.orchestrator.security.*}. Authentication itself (issuer,
 * audience, keys, clock skew, which claim holds the groups) is Quarkus OIDC's {@code
 * quarkus.oidc.*}; this maps the token's groups to the platform's roles and says who four-eyes and
 * policy apply to.
 */
@ConfigMapping(prefix = "bluegreen.orchestrator.security")
public interface SecurityConfig {

  /** The token claim that names the caller, recorded as the actor in the audit log. */
  @WithDefault("sub")
  String actorClaim();

  /** Groups whose members may do anything on any cluster. */
  @WithDefault("platform-admins")
  List<String> adminGroups();

  /** Groups whose members may read every cluster and upgrade, and change nothing. */
  @WithDefault("platform-viewers")
  List<String> viewerGroups();

  /**
   * Team groups: a pattern per role with {@code {team}} where the team's name stands, e.g. {@code
   * team-{team}-operators}. A member of a team's group has that role on the clusters whose team tag
   * ({@code bluegreen.orchestrator.eks.team-tag}) names that team, and may read them.
   */
  TeamGroups teamGroups();

  /** The patterns of team groups. */
  interface TeamGroups {
    /** Read the team's clusters and upgrades. */
    @WithDefault("team-{team}-viewers")
    String viewer();

    /** Request, pause, resume, promote, cancel, retry and roll back the team's upgrades. */
    @WithDefault("team-{team}-operators")
    String operator();

    /** Approve the gates of the team's upgrades. */
    @WithDefault("team-{team}-approvers")
    String approver();
  }

  /**
   * Policies by name: what an upgrade of a matching cluster must have, whatever the request says. A
   * cluster is under every policy whose tags it carries; where several apply, the strictest value
   * of each setting holds. A request may tighten a policy, never loosen it (422).
   */
  Map<String, Policy> policies();

  /** One policy. */
  interface Policy {
    /** The EKS tags (all of them) a cluster must carry to be under this policy; none: every one. */
    Map<String, String> tags();

    /** Whether the approval gate before the first traffic shift is required. */
    @WithDefault("false")
    boolean requireApprovalBeforeShift();

    /** Whether the approval gate before blue is decommissioned is required. */
    @WithDefault("false")
    boolean requireApprovalBeforeDecommission();

    /** The shortest retention of blue a request may ask for. */
    Optional<java.time.Duration> minRetention();

    /** Whether traffic steps must include at least one analysis step. */
    @WithDefault("false")
    boolean requireAnalysis();

    /** Whether the person who requested an upgrade is refused when approving its gates. */
    @WithDefault("false")
    boolean fourEyes();
  }
}
