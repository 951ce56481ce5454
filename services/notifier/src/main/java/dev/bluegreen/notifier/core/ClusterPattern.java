package dev.bluegreen.notifier.core;

import java.util.regex.Pattern;

/**
 * A glob over cluster names: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one; everything else matches itself. The whole name must match: {@code payments-*} matches {@code
 * payments-prod} but not {@code old-payments-prod}.
 */
public final class ClusterPattern {

  private final String glob;
  private final Pattern regex;

  private ClusterPattern(String glob) {
    this.glob = glob;
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      re.append(Pattern.quote(literal.toString()));
    }
    this.regex = Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** The pattern of a glob; blank means every cluster. */
  public static ClusterPattern of(String glob) {
    return new ClusterPattern(glob == null || glob.isBlank() ? "*" : glob.trim());
  }

  /** Whether the cluster's name matches the whole pattern. */
  public boolean matches(String cluster) {
    return cluster != null && regex.matcher(cluster).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
