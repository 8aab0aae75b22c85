package io.twobrains.command.api;

import io.twobrains.contract.ContentRules;
import io.twobrains.contract.MessageIds;
import io.twobrains.contract.Limits;
import io.twobrains.contract.model.ModelCatalog;
import io.twobrains.contract.profile.Provider;
import io.twobrains.contract.profile.SettingsPatch;
import java.util.Map;
import io.twobrains.service.problem.ApiProblem;
import java.util.Optional;

/** The API's 400s: the same content rules the processor enforces, applied before anything is sent. */
final class RequestRules {

    private RequestRules() {
    }

    static void require(Optional<String> violation) {
        violation.ifPresent(detail -> {
            throw ApiProblem.badRequest(detail);
        });
    }

    static void conversationId(String id) {
        id("conversation id", id);
    }

    static void id(String what, String id) {
        require(ContentRules.validId(what, id));
    }

    static void create(Requests.CreateConversation request) {
        require(ContentRules.first(
                request.id() == null ? Optional.empty() : ContentRules.validId("conversation id", request.id()),
                ContentRules.titleFits(request.title())));
    }

    static void rename(Requests.RenameConversation request) {
        require(request.title() == null ? Optional.of("title is required") : ContentRules.titleFits(request.title()));
    }

    static void settings(SettingsPatch patch) {
        if (patch == null || patch.isEmpty()) {
            throw ApiProblem.badRequest("name at least one setting to change");
        }
        if (patch.selectedModel() != null && ModelCatalog.builtIn().find(patch.selectedModel()).isEmpty()) {
            throw ApiProblem.badRequest("unknown model " + patch.selectedModel());
        }
        if (patch.enabledMcpServers() != null) {
            patch.enabledMcpServers().forEach(id -> require(ContentRules.validId("server id", id)));
        }
    }

    static Provider provider(String id) {
        return Provider.byId(id).orElseThrow(() -> ApiProblem.badRequest("unknown provider " + id + "; one of "
                + java.util.Arrays.stream(Provider.values()).map(Provider::id).toList()));
    }

    static void key(Provider provider, Requests.StoreKey request) {
        String key = request == null ? null : request.key();
        if (key == null || key.isBlank()) {
            throw ApiProblem.badRequest("key is required");
        }
        if (key.length() > Limits.MAX_API_KEY_LENGTH || key.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            throw ApiProblem.badRequest("key must be at most " + Limits.MAX_API_KEY_LENGTH
                    + " visible ASCII characters without spaces");
        }
        if (provider == Provider.OPENAI_COMPATIBLE) {
            require(request.baseUrl() == null ? Optional.of("baseUrl is required for openai-compatible")
                    : ContentRules.httpUrl("baseUrl", request.baseUrl()));
        } else if (request.baseUrl() != null) {
            throw ApiProblem.badRequest("only openai-compatible keys take a baseUrl");
        }
    }

    static void server(Requests.AddServer request) {
        require(ContentRules.first(
                request.id() == null ? Optional.empty() : ContentRules.validId("id", request.id()),
                ContentRules.nameFits("name", request.name()),
                request.transport() == null ? Optional.of("transport is required (http or sse)") : Optional.empty()));
        headers(request.headers());
    }

    static void serverChange(Requests.ChangeServer request) {
        if (request.name() == null && request.url() == null && request.transport() == null && request.headers() == null
                && request.enabled() == null) {
            throw ApiProblem.badRequest("name at least one field to change");
        }
        if (request.name() != null) {
            require(ContentRules.nameFits("name", request.name()));
        }
        headers(request.headers());
    }

    /** Header names are HTTP tokens; values have no line breaks. */
    private static void headers(Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        if (headers.size() > Limits.MAX_MCP_HEADERS) {
            throw ApiProblem.badRequest("at most " + Limits.MAX_MCP_HEADERS + " headers");
        }
        headers.forEach((name, value) -> {
            if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}")) {
                throw ApiProblem.badRequest("header name " + name + " is not a valid HTTP header name");
            }
            if (value == null || value.length() > 4096 || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw ApiProblem.badRequest("header " + name + " needs a value of at most 4096 characters on one line");
            }
        });
    }

    static void append(Requests.AppendMessage request) {
        require(ContentRules.first(
                request.id() == null ? Optional.empty() : MessageIds.clientChosen("message id", request.id()),
                request.role() == null ? Optional.of("role is required") : Optional.empty(),
                ContentRules.partsFit(request.parts())));
    }
}
