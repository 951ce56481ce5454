package dev.bluegreen.orchestrator.security;

import java.util.Map;
import java.util.Set;

/**
 * The verified caller of one API request: who (the token's subject, the actor of what they ask) and
 * what the token's groups make them.
 *
 * @param actor the token's subject (or the configured actor claim)
 * @param admin a platform admin: anything, anywhere
 * @param readsAll a platform viewer (or admin): reads every cluster
 * @param teamRoles the roles per team
 */
public record Caller(
    String actor, boolean admin, boolean readsAll, Map<String, Set<Role>> teamRoles) {

  public Caller {
    teamRoles = Map.copyOf(teamRoles);
  }

  /** Whether the caller has {@code role} on a cluster of {@code team} (null: no team known). */
  public boolean has(Role role, String team) {
    if (admin) {
      return true;
    }
    if (team == null) {
      return false;
    }
    Set<Role> roles = teamRoles.getOrDefault(team, Set.of());
    return role == Role.VIEWER ? readsAll || !roles.isEmpty() : roles.contains(role);
  }

  /** Whether the caller may read a cluster of {@code team}. */
  public boolean reads(String team) {
    return readsAll || admin || has(Role.VIEWER, team);
  }
}
