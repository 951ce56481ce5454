# The cloud simulator (cloud-sim/, a plain-Java module, not Quarkus) as an image.
#
# Layout it relies on (the module's build writes it, like local/kafka does):
#   cloud-sim/target/classes        the simulator's classes and resources (demo fleet)
#   cloud-sim/target/classpath.txt  its runtime dependencies, absolute paths into ~/.m2
# The jars listed in classpath.txt live outside the build context, so bin/docker-images first
# copies them to target/containers/cloud-sim/lib/ ("staging"); build through that script.
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}

# Its home, the working directory, is writable by it: relative paths (state, temp files) work.
RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --no-create-home \
      --shell /usr/sbin/nologin app \
 && mkdir -p /deployments && chown 185:0 /deployments && chmod 0775 /deployments

WORKDIR /deployments
COPY --chown=185:0 target/containers/cloud-sim/lib/ /deployments/lib/
COPY --chown=185:0 cloud-sim/target/classes/ /deployments/classes/

USER 185
ENV JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" \
    LANG=C.UTF-8
EXPOSE 4566
# Arguments after the image name replace CMD; compose adds --advertised-url.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp '/deployments/classes:/deployments/lib/*' dev.bluegreen.cloudsim.CloudSimMain \"$@\"", "cloud-sim"]
CMD ["--port", "4566", "--host", "0.0.0.0", "--fleet", "demo"]
