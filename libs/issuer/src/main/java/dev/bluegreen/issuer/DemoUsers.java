package dev.bluegreen.issuer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people of the local run and the tests, and the groups the issuer puts in their tokens. The
 * orchestrator maps groups to roles by configuration ({@code bluegreen.orchestrator.security.*});
 * these names are its defaults. The teams are cloud-sim's demo fleet's (tag {@code team}).
 */
public final class DemoUsers {

  /** Everything, every cluster. */
  public static final String ALICE = "alice";

  /** Requests and controls payments' upgrades. */
  public static final String PAUL = "paul";

  /** Approves payments' gates. */
  public static final String PETRA = "petra";

  /** Requests, controls and approves search's upgrades. */
  public static final String SAM = "sam";

  /** Reads everything, changes nothing. */
  public static final String VIC = "vic";

  private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put(ALICE, List.of("platform-admins"));
    GROUPS.put(PAUL, List.of("team-payments-operators"));
    GROUPS.put(PETRA, List.of("team-payments-approvers"));
    GROUPS.put(SAM, List.of("team-search-operators", "team-search-approvers"));
    GROUPS.put(VIC, List.of("platform-viewers"));
  }

  private DemoUsers() {}

  /** The groups of a demo user, empty for someone else. */
  public static Optional<List<String>> groups(String user) {
    return Optional.ofNullable(GROUPS.get(user));
  }

  /** Every demo user and their groups, in a stable order. */
  public static Map<String, List<String>> all() {
    return java.util.Collections.unmodifiableMap(GROUPS);
  }
}
