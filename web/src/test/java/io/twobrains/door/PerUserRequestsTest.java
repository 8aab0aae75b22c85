package io.twobrains.door;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** What must run beside the user's state, and what any node answers from Postgres. */
class PerUserRequestsTest {

    @Test
    void conversationsCompletionsAndTheLiveFeedGoToTheNodeThatHoldsTheUser() {
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/conversations")).isTrue();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/conversations/c1/messages")).isTrue();
        assertThat(PerUserRequests.test(HttpMethod.POST, "/api/chat")).isTrue();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/chat/c1/stream")).isTrue();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/events")).isTrue();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/usage")).as("the quota, kept where it is enforced").isTrue();
    }

    @Test
    void everyWriteIsACommandAndGoesThereToo() {
        assertThat(PerUserRequests.test(HttpMethod.PATCH, "/api/settings")).isTrue();
        assertThat(PerUserRequests.test(HttpMethod.PUT, "/api/settings/api-keys/openai")).isTrue();
        assertThat(PerUserRequests.test(HttpMethod.DELETE, "/api/account")).isTrue();
        assertThat(PerUserRequests.test(HttpMethod.POST, "/api/mcp-servers")).isTrue();
    }

    @Test
    void readsOfTheGlobalBrainAndEverythingOutsideTheApiStayWhereTheyArrive() {
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/settings")).isFalse();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/usage/stats")).isFalse();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/models")).isFalse();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/admin/analytics")).isFalse();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/api/conversationsX")).isFalse();
        assertThat(PerUserRequests.test(HttpMethod.POST, "/login")).isFalse();
        assertThat(PerUserRequests.test(HttpMethod.GET, "/")).isFalse();
    }
}
