package dev.bluegreen.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Groups to roles, by the configured names and patterns. */
class GroupsTest {

  private static SecurityConfig config(String operatorPattern) {
    return new SecurityConfig() {
      public String actorClaim() {
        return "sub";
      }

      public List<String> adminGroups() {
        return List.of("platform-admins");
      }

      public List<String> viewerGroups() {
        return List.of("platform-viewers");
      }

      public TeamGroups teamGroups() {
        return new TeamGroups() {
          public String viewer() {
            return "team-{team}-viewers";
          }

          public String operator() {
            return operatorPattern;
          }

          public String approver() {
            return "team-{team}-approvers";
          }
        };
      }

      public Map<String, Policy> policies() {
        return Map.of();
      }
    };
  }

  private final Groups groups = new Groups(config("team-{team}-operators"));

  @Test
  void anOperatorOfATeam_operatesAndReadsThatTeam_only() {
    Caller paul = groups.caller("paul", Set.of("team-payments-operators", "unrelated"));
    assertTrue(paul.has(Role.OPERATOR, "payments"));
    assertTrue(paul.reads("payments"));
    assertFalse(paul.has(Role.APPROVER, "payments"));
    assertFalse(paul.has(Role.OPERATOR, "search"));
    assertFalse(paul.reads("search"));
    assertFalse(paul.has(Role.OPERATOR, null), "an untagged cluster is nobody's");
  }

  @Test
  void admins_doAnything_viewers_readEverything() {
    Caller alice = groups.caller("alice", Set.of("platform-admins"));
    assertTrue(alice.has(Role.APPROVER, "search") && alice.has(Role.OPERATOR, null));
    Caller vic = groups.caller("vic", Set.of("platform-viewers"));
    assertTrue(vic.reads("search") && vic.reads(null));
    assertFalse(vic.has(Role.OPERATOR, "search"));
  }

  @Test
  void aPatternWithoutTheTeam_isAConfigurationError() {
    assertThrows(IllegalArgumentException.class, () -> new Groups(config("operators")));
  }
}
