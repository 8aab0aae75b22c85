package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.testkit.ApiClient;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The actuator lives on the node's management port, for probes and scrapers on the private network;
 * the door, which is public, does not serve it at all, with a token or without.
 */
class ActuatorPortIT {

    private static final List<String> ENDPOINTS = List.of("/actuator", "/actuator/health", "/actuator/health/readiness",
            "/actuator/info", "/actuator/prometheus", "/actuator/env", "/actuator/metrics");

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = Stacks.shared();
    }

    @Test
    void theDoorAnswersNoActuatorPath() {
        ApiClient anonymous = new ApiClient(stack.doorUrl(), null);
        ApiClient admin = new ApiClient(stack.doorUrl(), Stacks.mint(stack).token("ops", "admin"));
        for (String path : ENDPOINTS) {
            assertThat(anonymous.get(path).status()).as("GET %s without a token", path).isEqualTo(404);
            assertThat(admin.get(path).status()).as("GET %s as an admin", path).isEqualTo(404);
        }
    }

    @Test
    void theManagementPortServesHealthAndMetrics() {
        ApiClient management = new ApiClient(stack.managementUrl(), null);

        ApiClient.Response health = management.get("/actuator/health/readiness");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        ApiClient.Response metrics = management.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("jvm_memory_used_bytes");
        assertThat(management.get("/actuator/env").status()).as("only health, info and metrics are exposed")
                .isEqualTo(404);
    }
}
