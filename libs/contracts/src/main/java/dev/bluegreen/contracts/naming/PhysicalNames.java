package dev.bluegreen.contracts.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names of the physical resources an upgrade creates, derived from the logical cluster so that
 * they never grow from one generation to the next, and bounded by AWS's and Kubernetes' limits.
 *
 * <p>A logical cluster ("search-002") is served by one EKS cluster at a time, its current
 * generation. Generation 1 is the EKS cluster the platform found (its name is the logical name);
 * every upgrade creates the next generation, named {@code <logical>-g<first 8 of the upgrade id>}.
 * The name is built from the logical name, never from blue's, so the fifth generation's name is as
 * long as the second's. Any name longer than a limit is cut and ends in a hash of the whole name
 * ({@link #fit}), so two long names that share a prefix still differ.
 *
 * <p>Limits (AWS and Kubernetes documentation): EKS cluster 1-100 of {@code [A-Za-z0-9_-]} starting
 * with a letter or digit; ALB target group 1-32 of {@code [A-Za-z0-9-]}, not starting or ending
 * with a hyphen; Kubernetes label value 63. Green clusters are kept to 63 so that their name can be
 * a label value (the {@code bluegreen.dev/cluster} label of the Argo CD cluster secret).
 */
public final class PhysicalNames {

  /** The longest EKS cluster name AWS accepts, and so the longest logical cluster name. */
  public static final int EKS_CLUSTER_MAX = 100;

  /** The longest green cluster name this platform makes (a Kubernetes label value). */
  public static final int GREEN_CLUSTER_MAX = 63;

  /** The longest ALB target group name AWS accepts. */
  public static final int TARGET_GROUP_MAX = 32;

  /** The longest Kubernetes label value. */
  public static final int LABEL_VALUE_MAX = 63;

  /** The longest EKS node group name AWS accepts. */
  public static final int NODEGROUP_MAX = 63;

  /** EKS's rule for cluster names. */
  public static final Pattern EKS_CLUSTER = Pattern.compile("^[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}$");

  /** ELBv2's rule for target group names. */
  public static final Pattern TARGET_GROUP =
      Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$");

  /** Kubernetes' rule for label values (empty is allowed there, but never made here). */
  public static final Pattern LABEL_VALUE =
      Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");

  /** The default target group name pattern; {@code {cluster}} is replaced. */
  public static final String DEFAULT_TARGET_GROUP_PATTERN = "tg-{cluster}";

  private static final int HASH_CHARS = 6;

  private PhysicalNames() {}

  /**
   * The next generation's EKS cluster name: the logical name (cut with a hash when needed) and
   * {@code -g} with the first 8 letters and digits of the upgrade id. At most {@link
   * #GREEN_CLUSTER_MAX} characters for every logical name EKS accepts.
   */
  public static String greenCluster(String logicalCluster, String upgradeId) {
    String shortId = upgradeId.replaceAll("[^A-Za-z0-9]", "");
    shortId = shortId.substring(0, Math.min(8, shortId.length())).toLowerCase(Locale.ROOT);
    String suffix = "-g" + shortId;
    return fit(logicalCluster, GREEN_CLUSTER_MAX - suffix.length()) + suffix;
  }

  /**
   * What the names of every generation of a logical cluster start with (its first generation's is
   * the logical name itself): the prefix to list EKS clusters by.
   */
  public static String generationPrefix(String logicalCluster) {
    return greenCluster(logicalCluster, "x")
        .substring(0, greenCluster(logicalCluster, "x").length() - 3);
  }

  /**
   * A cluster's ALB target group name from a pattern such as {@code tg-{cluster}}: the pattern with
   * the cluster's name, cut with a hash to {@link #TARGET_GROUP_MAX} when longer.
   */
  public static String targetGroup(String pattern, String cluster) {
    String fixed = pattern.replace("{cluster}", "");
    String full = pattern.replace("{cluster}", cluster);
    if (full.length() <= TARGET_GROUP_MAX || !pattern.contains("{cluster}")) {
      return full;
    }
    int room = TARGET_GROUP_MAX - fixed.length();
    if (room < HASH_CHARS + 2) {
      // Too little room for a readable cut: the pattern itself is the problem (pre-flight says so).
      return full;
    }
    // Target group names allow no underscores: the same cut, with them as hyphens.
    return pattern.replace("{cluster}", fit(cluster.replace('_', '-'), room, cluster));
  }

  /** A cluster's ALB target group name with the default pattern. */
  public static String targetGroup(String cluster) {
    return targetGroup(DEFAULT_TARGET_GROUP_PATTERN, cluster);
  }

  /**
   * {@code name} if it has at most {@code max} characters, else its first characters, a hyphen and
   * {@value #HASH_CHARS} hex digits of a SHA-256 of the whole name: {@code max} characters.
   */
  public static String fit(String name, int max) {
    return fit(name, max, name);
  }

  private static String fit(String name, int max, String hashed) {
    if (name.length() <= max) {
      return name;
    }
    String head = name.substring(0, max - HASH_CHARS - 1);
    while (head.endsWith("-") || head.endsWith("_")) {
      head = head.substring(0, head.length() - 1);
    }
    return head + "-" + hash(hashed);
  }

  private static String hash(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * What is wrong with the names an upgrade of {@code blueCluster} (logical cluster {@code
   * logicalCluster}) will create, checked against AWS's and Kubernetes' rules before anything is
   * made; empty when every name is valid.
   */
  public static List<String> problems(
      String logicalCluster, String blueCluster, String greenCluster, String targetGroupPattern) {
    List<String> out = new ArrayList<>();
    if (!EKS_CLUSTER.matcher(logicalCluster).matches()) {
      out.add(
          "logical cluster name '"
              + logicalCluster
              + "' is not a valid EKS cluster name (1-100 letters, digits, hyphens or"
              + " underscores, starting with a letter or digit)");
    }
    if (!EKS_CLUSTER.matcher(greenCluster).matches()) {
      out.add("green cluster name '" + greenCluster + "' is not a valid EKS cluster name");
    }
    if (greenCluster.length() > LABEL_VALUE_MAX || !LABEL_VALUE.matcher(greenCluster).matches()) {
      out.add(
          "green cluster name '"
              + greenCluster
              + "' cannot be a Kubernetes label value (at most 63 characters)");
    }
    for (String cluster : List.of(blueCluster, greenCluster)) {
      String tg = targetGroup(targetGroupPattern, cluster);
      if (!TARGET_GROUP.matcher(tg).matches()) {
        out.add(
            "target group name '"
                + tg
                + "' (pattern "
                + targetGroupPattern
                + ") must be 1-32 letters, digits or hyphens, not starting or ending with a"
                + " hyphen");
      }
    }
    return out;
  }
}
