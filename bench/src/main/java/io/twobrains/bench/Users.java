package io.twobrains.bench;

import io.twobrains.contract.command.StartConversation;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/** The bench's users, set up before a path is measured: their tokens, their first conversation. */
final class Users {

    private Users() {
    }

    static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(u -> prefix + "-" + u).toList();
    }

    /** A real token per user from the dev provider, a few at a time (a thousand one by one is minutes on a busy machine). */
    static List<String> tokens(Target target, List<String> users) {
        return Flux.fromIterable(users)
                .flatMapSequential(user -> Mono.fromCallable(() -> target.token(user)).subscribeOn(Schedulers.boundedElastic()), 16)
                .collectList().block(Duration.ofMinutes(10));
    }

    /** Conversation c1 for each user, through the door. */
    static void createConversations(HttpClient door, List<String> tokens) {
        Flux.fromIterable(tokens)
                .flatMap(token -> HttpCalls.post(door, token, "/api/conversations", "{\"id\":\"c1\"}").map(status -> {
                    if (status != 201) {
                        throw new IllegalStateException("could not create a conversation: " + status);
                    }
                    return status;
                }), 16)
                .blockLast(Duration.ofMinutes(10));
    }

    /** Conversation c1 for each user, by command. */
    static void startConversations(CommandRoundTrip commands, List<String> users) {
        Flux.fromIterable(users)
                .flatMap(user -> commands.send(user, new StartConversation("c1", null)).map(ok -> {
                    if (!ok) {
                        throw new IllegalStateException("could not start a conversation for " + user);
                    }
                    return ok;
                }), 64)
                .blockLast(Duration.ofMinutes(10));
    }
}
