package dev.bluegreen.orchestrator.security;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a token's groups to a {@link Caller}, by the configured group names and patterns. */
final class Groups {

  private final Set<String> adminGroups;
  private final Set<String> viewerGroups;
  private final Map<Role, Pattern> teamPatterns = new EnumMap<>(Role.class);

  Groups(SecurityConfig config) {
    this.adminGroups = Set.copyOf(config.adminGroups());
    this.viewerGroups = Set.copyOf(config.viewerGroups());
    teamPatterns.put(Role.VIEWER, pattern(config.teamGroups().viewer()));
    teamPatterns.put(Role.OPERATOR, pattern(config.teamGroups().operator()));
    teamPatterns.put(Role.APPROVER, pattern(config.teamGroups().approver()));
  }

  private static Pattern pattern(String template) {
    int at = template.indexOf("{team}");
    if (at < 0) {
      throw new IllegalArgumentException(
          "a team group pattern needs {team} where the team's name stands: " + template);
    }
    return Pattern.compile(
        Pattern.quote(template.substring(0, at))
            + "(?<team>[A-Za-z0-9_.-]+)"
            + Pattern.quote(template.substring(at + "{team}".length())));
  }

  Caller caller(String actor, Set<String> groups) {
    boolean admin = groups.stream().anyMatch(adminGroups::contains);
    boolean readsAll = admin || groups.stream().anyMatch(viewerGroups::contains);
    Map<String, Set<Role>> teams = new HashMap<>();
    for (String group : groups) {
      teamPatterns.forEach(
          (role, pattern) -> {
            Matcher m = pattern.matcher(group);
            if (m.matches()) {
              teams.computeIfAbsent(m.group("team"), t -> new HashSet<>()).add(role);
            }
          });
    }
    return new Caller(actor, admin, readsAll, teams);
  }
}
