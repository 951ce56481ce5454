# One-shot that creates every topic of the catalog (dev.bluegreen.local.CreateTopics from
# local/kafka, the same code bin/run-local runs), for compose. Its own image, so compose works
# with the official apache/kafka image too, which does not contain our classes.
# The jars come from local/kafka/target/classpath.txt, staged by bin/docker-images into
# target/containers/kafka-topics/lib/.
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}

# Its home, the working directory, is writable by it: relative paths (state, temp files) work.
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --no-create-home \
      --shell /usr/sbin/nologin app \
 && mkdir -p /deployments && chown 185:0 /deployments && chmod 0775 /deployments

WORKDIR /deployments
COPY --chown=185:0 target/containers/kafka-topics/lib/ /deployments/lib/
COPY --chown=185:0 local/kafka/target/classes/ /deployments/classes/

USER 185
ENV JAVA_OPTS="-Xmx128m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn" \
    LANG=C.UTF-8
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp '/deployments/classes:/deployments/lib/*' dev.bluegreen.local.CreateTopics \"$@\"", "create-topics"]
CMD ["kafka:9092"]
