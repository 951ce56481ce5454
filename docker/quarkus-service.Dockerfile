# One image shape for every Quarkus service, built from its fast-jar
# (services/<SERVICE>/target/quarkus-app, produced by ./mvnw install).
#
#   docker build -f docker/quarkus-service.Dockerfile --build-arg SERVICE=provisioner \
#       [--build-arg JRE_IMAGE=eclipse-temurin:17-jre] -t bluegreen/provisioner:dev .
#
# The build context is the repository root; .dockerignore lets only the fast-jars and the staged
# directories through, so the context stays small.
# No HEALTHCHECK on purpose: the orchestrator of the containers (compose, Kubernetes) probes
# /q/health/ready itself.
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}

ARG SERVICE
# A fixed, unprivileged uid in group 0 (the convention of Quarkus' own images), so volumes and
# platforms that run with an arbitrary uid in group 0 work the same way.
# Its home, the working directory, is writable by it: relative paths (state, temp files) work.
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --no-create-home \
      --shell /usr/sbin/nologin app \
 && mkdir -p /deployments && chown 185:0 /deployments && chmod 0775 /deployments

WORKDIR /deployments
# Dependencies first: they change less often than the application, so their layer is reused.
COPY --chown=185:0 services/${SERVICE}/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 services/${SERVICE}/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY --chown=185:0 services/${SERVICE}/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 services/${SERVICE}/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar

USER 185
# Bounded heap by default; compose and Kubernetes override JAVA_OPTS (and set a memory limit
# above the heap for metaspace, threads and buffers).
# Logs as one JSON object per line (with the upgrade id, cluster and trace id of each line in
# "mdc") for a log pipeline; set BLUEGREEN_LOG_JSON=false for text.
ENV JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" \
    LANG=C.UTF-8 \
    BLUEGREEN_LOG_JSON=true
# sh -c so JAVA_OPTS is split into words; exec so java is PID 1 and gets SIGTERM directly.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar \"$@\"", "service"]
