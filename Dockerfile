# One image recipe for the four services: the Spring Boot exec jar on a Java 17 JRE, as a non-root user.
# Build the jars first (./mvnw -B -DskipTests package); docker-compose.yml passes SERVICE, PORT and MANAGEMENT_PORT.
# Health checks are defined in docker-compose.yml.
FROM eclipse-temurin:17-jre

ARG SERVICE
ARG PORT=8080
# Actuator's own port (probes and scrapes off the API's request threads); docker-compose.yml passes it
ARG MANAGEMENT_PORT=8180

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
 && mkdir -p /app \
 && chown app:app /app

WORKDIR /app
# the jar stays root-owned (read-only for the app user); /app (working directory) and /tmp are writable.
# Plain COPY, no --chmod: docker-compose 1.29.2 builds with the classic builder, not BuildKit.
COPY ${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar /app/service.jar

USER 10001:10001
EXPOSE ${PORT} ${MANAGEMENT_PORT}
ENV SERVER_PORT=${PORT} \
    MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORT} \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# exec: java is PID 1 and gets SIGTERM from docker stop (graceful shutdown)
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/service.jar"]
