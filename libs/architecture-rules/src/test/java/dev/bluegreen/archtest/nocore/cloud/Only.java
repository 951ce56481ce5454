package dev.bluegreen.archtest.nocore.cloud;

/** A module without a core. */
public final class Only {}
