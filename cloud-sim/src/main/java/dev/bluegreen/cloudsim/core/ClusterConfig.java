package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The control-plane configuration CreateCluster may set; a null field takes EKS's default (public
 * endpoint only, open to 0.0.0.0/0, no control-plane logs, no secrets encryption, services in
 * 172.20.0.0/16 over IPv4, authentication mode API_AND_CONFIG_MAP).
 */
public record ClusterConfig(
    Boolean endpointPublicAccess,
    Boolean endpointPrivateAccess,
    List<String> publicAccessCidrs,
    List<String> enabledLogTypes,
    List<Encryption> encryption,
    String serviceIpv4Cidr,
    String ipFamily,
    String authenticationMode) {

  /** Envelope encryption of cluster resources (EKS allows only {@code secrets}) with a KMS key. */
  public record Encryption(String keyArn, List<String> resources) {}

  private static final List<String> LOG_TYPES =
      List.of("api", "audit", "authenticator", "controllerManager", "scheduler");
  private static final Pattern IPV4_CIDR =
      Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");

  /** Validates the configuration as EKS does, and stores it in the cluster. */
  void applyTo(Cluster c) {
    boolean publicAccess =
        endpointPublicAccess == null ? c.endpointPublicAccess : endpointPublicAccess;
    boolean privateAccess =
        endpointPrivateAccess == null ? c.endpointPrivateAccess : endpointPrivateAccess;
    if (!publicAccess && !privateAccess) {
      throw SimError.invalid(
          "Cluster must have either public or private endpoint access enabled (or both)");
    }
    if (publicAccessCidrs != null && !publicAccessCidrs.isEmpty()) {
      for (String cidr : publicAccessCidrs) {
        if (cidr(cidr) == null) {
          throw SimError.invalid("The public access CIDR " + cidr + " is not a valid IPv4 CIDR");
        }
      }
      c.publicAccessCidrs = new ArrayList<>(publicAccessCidrs);
    }
    List<String> logTypes = enabledLogTypes == null ? List.of() : enabledLogTypes;
    for (String t : logTypes) {
      if (!LOG_TYPES.contains(t)) {
        throw SimError.invalid("Unknown log type " + t + "; valid types are " + LOG_TYPES);
      }
    }
    List<Encryption> encryptions = encryption == null ? List.of() : encryption;
    validate(encryptions);
    if (ipFamily != null && !List.of("ipv4", "ipv6").contains(ipFamily)) {
      throw SimError.invalid("ipFamily must be ipv4 or ipv6");
    }
    if (serviceIpv4Cidr != null && !isServiceCidr(serviceIpv4Cidr)) {
      throw SimError.invalid(
          "serviceIpv4Cidr "
              + serviceIpv4Cidr
              + " must be within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, between /12 and"
              + " /24");
    }
    if (authenticationMode != null
        && !List.of("API", "API_AND_CONFIG_MAP", "CONFIG_MAP").contains(authenticationMode)) {
      throw SimError.invalid("Unknown authenticationMode " + authenticationMode);
    }
    c.endpointPublicAccess = publicAccess;
    c.endpointPrivateAccess = privateAccess;
    c.enabledLogTypes = new ArrayList<>(logTypes);
    c.encryption = new ArrayList<>(encryptions);
    if (serviceIpv4Cidr != null) {
      c.serviceIpv4Cidr = serviceIpv4Cidr;
    }
    if (ipFamily != null) {
      c.ipFamily = ipFamily;
    }
    if (authenticationMode != null) {
      c.authenticationMode = authenticationMode;
    }
  }

  private static void validate(List<Encryption> encryptions) {
    if (encryptions.size() > 1) {
      throw SimError.invalid("Only one encryption configuration is allowed");
    }
    for (Encryption e : encryptions) {
      if (e.keyArn() == null || !e.keyArn().startsWith("arn:aws:kms:")) {
        throw SimError.invalid("Encryption provider keyArn must be a KMS key ARN: " + e.keyArn());
      }
      if (!List.of("secrets").equals(e.resources())) {
        throw SimError.invalid("Encryption resources must be [secrets], got " + e.resources());
      }
    }
  }

  /** The four octets and the prefix length of an IPv4 CIDR, or null when it is not one. */
  private static int[] cidr(String s) {
    var m = IPV4_CIDR.matcher(s == null ? "" : s);
    if (!m.matches()) {
      return null;
    }
    int[] parts = new int[5];
    for (int i = 0; i < 5; i++) {
      parts[i] = Integer.parseInt(m.group(i + 1));
    }
    for (int i = 0; i < 4; i++) {
      if (parts[i] > 255) {
        return null;
      }
    }
    return parts[4] > 32 ? null : parts;
  }

  private static boolean isServiceCidr(String s) {
    int[] p = cidr(s);
    if (p == null || p[4] < 12 || p[4] > 24) {
      return false;
    }
    return p[0] == 10
        || (p[0] == 172 && p[1] >= 16 && p[1] <= 31 && p[4] >= 12)
        || (p[0] == 192 && p[1] == 168 && p[4] >= 16);
  }
}
