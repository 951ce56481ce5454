package dev.bluegreen.cloudsim.core;

/**
 * Protocol-neutral reasons a domain operation is refused. Each protocol adapter maps them to its
 * own error codes (EKS exception names, ELBv2 codes, Kubernetes Status reasons).
 */
public enum ErrorKind {
  NOT_FOUND,
  IN_USE,
  ALREADY_EXISTS,
  INVALID,
  LIMIT_EXCEEDED,
  THROTTLED,
  CONFLICT,
  UNSUPPORTED
}
