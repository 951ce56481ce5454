package dev.bluegreen.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of traffic step. */
public enum StepType {
  /** Set green's absolute weight. */
  @JsonProperty("setWeight")
  SET_WEIGHT,
  /** Wait a duration, or for a manual promote. */
  @JsonProperty("pause")
  PAUSE,
  /** Run a named analysis comparing green with blue. */
  @JsonProperty("analysis")
  ANALYSIS
}
