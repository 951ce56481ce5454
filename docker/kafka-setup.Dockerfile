# One-shot that sets up compose's broker with the code bin/run-local runs (local/kafka): every topic
# of the catalog (CreateTopics) and, given a credentials folder, every service's SCRAM credential
# and ACLs (SetUpSecurity); see docker/kafka-setup/setup. Its own image, so compose works with the
# official apache/kafka image too, which does not contain our classes.
# The jars come from local/kafka/target/classpath.txt, staged by bin/docker-images into
# target/containers/kafka-setup/lib/.
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}

# Its home, the working directory, is writable by it: relative paths (state, temp files) work.
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --no-create-home \
      --shell /usr/sbin/nologin app \
 && mkdir -p /deployments && chown 185:0 /deployments && chmod 0775 /deployments

WORKDIR /deployments
COPY --chown=185:0 target/containers/kafka-setup/lib/ /deployments/lib/
COPY --chown=185:0 local/kafka/target/classes/ /deployments/classes/
COPY --chown=185:0 docker/kafka-setup/setup /deployments/setup

USER 185
ENV JAVA_OPTS="-Xmx128m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn" \
    LANG=C.UTF-8
ENTRYPOINT ["/deployments/setup"]
CMD ["kafka:9092"]
