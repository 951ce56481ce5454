package dev.bluegreen.archtest.bad.cloud;

/** An adapter of the module. */
public final class Eks {
  public String describe() {
    return "ACTIVE";
  }
}
