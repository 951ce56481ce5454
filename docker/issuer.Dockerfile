# The local OIDC issuer (libs/issuer, plain Java) as an image, for docker-compose: discovery and
# JWKS on port 8090, its signing key created in the container on first start. Tokens for the demo
# users: docker compose exec issuer /deployments/token alice (see docs/security.md).
#
# Layout it relies on (the module's build writes it):
#   libs/issuer/target/classes        the issuer's classes
#   libs/issuer/target/classpath.txt  its runtime dependencies; bin/docker-images stages them
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}

RUN useradd --system --uid 185 --gid 0 --home-dir /deployments --no-create-home \
      --shell /usr/sbin/nologin app \
 && mkdir -p /deployments/key && chown -R 185:0 /deployments && chmod 0775 /deployments \
 && chmod 0700 /deployments/key \
 && printf '#!/bin/sh\nexec java -Xmx64m -cp "/deployments/classes:/deployments/lib/*" dev.bluegreen.issuer.IssuerMain token "$1" --key /deployments/key/signing-key.pem --issuer-url "${ISSUER_URL:-http://issuer:8090}" --port 8090\n' > /deployments/token \
 && chmod 0755 /deployments/token

WORKDIR /deployments
COPY --chown=185:0 target/containers/issuer/lib/ /deployments/lib/
COPY --chown=185:0 libs/issuer/target/classes/ /deployments/classes/

USER 185
ENV JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" \
    ISSUER_URL=http://issuer:8090 \
    LANG=C.UTF-8
EXPOSE 8090
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp '/deployments/classes:/deployments/lib/*' dev.bluegreen.issuer.IssuerMain serve --host 0.0.0.0 --port 8090 --key /deployments/key/signing-key.pem --issuer-url \"$ISSUER_URL\""]
