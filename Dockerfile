# One image per service: docker build --build-arg MODULE=command-api .
# Build the jars first (./mvnw -DskipTests package); the image only packages what was built.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
ARG MODULE
WORKDIR /app
COPY ${MODULE}/target/${MODULE}-*-exec.jar /app/service.jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
