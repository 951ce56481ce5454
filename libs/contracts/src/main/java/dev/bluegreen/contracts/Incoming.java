package dev.bluegreen.contracts;

/**
 * What a reader got from one Kafka record: a valid event, or the reason it is not one. Decoding
 * never throws, so one bad record cannot stop a consumer; an {@link Invalid} goes to the
 * dead-letter topic.
 */
public sealed interface Incoming {

  /** A well-formed event of a known type and version whose data matches its schema. */
  record Valid(CloudEvent<?> event) implements Incoming {}

  /**
   * A record that is not a usable event.
   *
   * @param problem the kind of problem, stable for metrics and routing
   * @param reason what exactly was wrong, for people
   * @param ceType the {@code ce_type} header, if there was one
   */
  record Invalid(Problem problem, String reason, String ceType) implements Incoming {}

  /** Why a record is not a usable event. */
  enum Problem {
    /** A required CloudEvents attribute header is missing or unsupported. */
    MISSING_ATTRIBUTE,
    /** No version of this event type is known to the reader. */
    UNKNOWN_TYPE,
    /** The event type is known, but not at this major version. */
    UNSUPPORTED_VERSION,
    /** The body is not JSON. */
    MALFORMED_JSON,
    /** The body is JSON but breaks the event's schema. */
    SCHEMA_VIOLATION,
    /** The subject header and the data's cluster differ. */
    SUBJECT_MISMATCH
  }
}
