package io.twobrains.command.reseal;

import io.twobrains.command.kafka.CommandBus;
import io.twobrains.contract.command.CommandEnvelope;
import io.twobrains.contract.command.ResealSecrets;
import io.twobrains.contract.event.RejectionCode;
import io.twobrains.contract.reply.Reply;
import io.twobrains.crypto.SecretSealer;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Moves every user's sealed secrets (provider keys, MCP headers) that an older master key sealed to the
 * current one, so the older key can be retired. The secrets live in {@code chat.events}, which is never
 * rewritten, so each user gets a {@link ResealSecrets} command through the normal command path, and the
 * event it causes makes the re-sealed values the latest in every store. Commands, events, logs and the
 * report hold sealed values and counts only.
 *
 * <p>Call it until it finds nothing: a user who changed a secret meanwhile keeps the new one (and that one
 * is sealed with the current key already), and the global brain it reads from may lag behind the last run.
 */
@Component
public class SecretReseal {

    private static final Logger log = LoggerFactory.getLogger(SecretReseal.class);
    private static final int USERS_AT_ONCE = 8;

    /**
     * What a run did.
     *
     * @param users            users with secrets sealed by an older master key, one command each
     * @param secrets          those secrets
     * @param applied          users whose command replaced at least one of them
     * @param changedMeanwhile users whose secrets had all been changed or removed before their command
     * @param failed           users not done: a secret that no configured master key opens, or an outcome
     *                         not known (see the log; calling again retries them)
     */
    public record Report(long users, long secrets, long applied, long changedMeanwhile, long failed) {

        static final Report NONE = new Report(0, 0, 0, 0, 0);

        Report plus(Report other) {
            return new Report(users + other.users, secrets + other.secrets, applied + other.applied,
                    changedMeanwhile + other.changedMeanwhile, failed + other.failed);
        }
    }

    private final OldKeySecrets oldKeySecrets;
    private final SecretSealer sealer;
    private final CommandBus bus;
    private final Clock clock;

    SecretReseal(OldKeySecrets oldKeySecrets, SecretSealer sealer, CommandBus bus, Clock clock) {
        this.oldKeySecrets = oldKeySecrets;
        this.sealer = sealer;
        this.bus = bus;
        this.clock = clock;
    }

    public Mono<Report> resealAll() {
        String current = sealer.currentKeyId();
        return oldKeySecrets.sealedWithOtherThan(current)
                .filter(user -> user.count() > 0)
                .flatMap(this::reseal, USERS_AT_ONCE)
                .reduce(Report.NONE, Report::plus)
                .doOnNext(report -> log.info("re-seal under master key {}: {}", current, report));
    }

    private Mono<Report> reseal(UserSecrets user) {
        ResealSecrets command;
        try {
            command = user.resealedWith(sealer);
        } catch (IllegalArgumentException e) {
            return failed(user, e.getMessage());
        }
        return bus.send(new CommandEnvelope(UUID.randomUUID(), user.userId(), clock.instant(), command, null))
                .flatMap(reply -> outcome(user, reply))
                .onErrorResume(error -> failed(user, "the outcome is not known: " + error.getMessage()));
    }

    private Mono<Report> outcome(UserSecrets user, Reply reply) {
        if (reply.isAccepted()) {
            return Mono.just(new Report(1, user.count(), 1, 0, 0));
        }
        if (reply.code() == RejectionCode.CONFLICT) {
            return Mono.just(new Report(1, user.count(), 0, 1, 0));
        }
        return failed(user, reply.code() + ": " + reply.reason());
    }

    /** The reasons name key ids and codes, never a secret. */
    private static Mono<Report> failed(UserSecrets user, String why) {
        log.warn("the secrets of user {} were not re-sealed: {}", user.userId(), why);
        return Mono.just(new Report(1, user.count(), 0, 0, 1));
    }
}
