package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.twobrains.command.chat.GenerationRun.Outcome;
import io.twobrains.contract.generation.Ending;
import io.twobrains.contract.json.ChatJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Everyone following a run, from its start or from the middle, gets the whole reply once and its end. */
class GenerationRunTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final GenerationRun run = new GenerationRun(new GenerationRun.Identity("alice", "c1", "g1", "tb-ag1", "demo",
            "demo", false), (user, conversation, generation, index, json) -> logged.add(json));

    @Test
    void aFollowerFromTheStartAndOneFromTheMiddleGetTheSameReplyAndBothEnd() {
        Sinks.Many<ModelOutput> model = Sinks.many().unicast().onBackpressureBuffer();
        AtomicInteger done = new AtomicInteger();
        run.start(model.asFlux(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1),
                outcome -> Mono.empty(), done::incrementAndGet);
        List<String> first = new CopyOnWriteArrayList<>();
        run.follow().subscribe(first::add);
        for (int i = 0; i < 10; i++) {
            model.tryEmitNext(new ModelOutput.Text("w" + i + " "));
        }
        List<String> late = new CopyOnWriteArrayList<>();
        run.follow().subscribe(late::add);
        for (int i = 10; i < 20; i++) {
            model.tryEmitNext(new ModelOutput.Text("w" + i + " "));
        }

        model.tryEmitComplete();

        assertThat(first).last().isEqualTo(UiChunks.DONE);
        assertThat(late).last().isEqualTo(UiChunks.DONE);
        assertThat(text(late)).isEqualTo(text(first)).startsWith("w0 ").endsWith("w19 ");
        assertThat(late.size()).as("the late follower's beginning is compacted").isLessThan(first.size());
        assertThat(done).as("the run ends once").hasValue(1);
        assertThat(text(logged)).as("every chunk went to chat.deltas too").isEqualTo(text(first));
    }

    @Test
    void aFollowerAfterTheEndGetsTheWholeReplyAndItsEnd() {
        run.start(Flux.just(new ModelOutput.Text("all "), new ModelOutput.Text("done")), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(1), outcome -> Mono.empty(), () -> { });

        List<String> after = run.follow().collectList().block(Duration.ofSeconds(5));

        assertThat(text(after)).isEqualTo("all done");
        assertThat(after).last().isEqualTo(UiChunks.DONE);
        assertThat(after).anyMatch(chunk -> chunk.contains("\"finish\""));
    }

    @Test
    void aStopEndsTheReplyWithWhatWasWrittenEvenWhileTheModelsStreamCannotBeLetGo() throws InterruptedException {
        // As the OpenAI SDK's stream does while its provider is silent: letting it go waits for the next byte.
        CountDownLatch providerSpeaks = new CountDownLatch(1);
        AtomicReference<Outcome> saved = new AtomicReference<>();
        Flux<ModelOutput> silentAfterAWord = Flux.<ModelOutput>just(new ModelOutput.Text("half "))
                .concatWith(Flux.never())
                .doOnCancel(() -> awaitQuietly(providerSpeaks));
        run.start(silentAfterAWord, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(10),
                outcome -> Mono.fromRunnable(() -> saved.set(outcome)), () -> { });
        try {
            List<String> chunks = new CopyOnWriteArrayList<>();
            run.follow().subscribe(chunks::add);

            // Bounded only so that a regression fails instead of hanging the build.
            assertTimeoutPreemptively(Duration.ofSeconds(60), run::stop);

            assertThat(saved.get().ending()).isEqualTo(Ending.CANCELLED);
            assertThat(text(chunks)).isEqualTo("half ");
            assertThat(chunks).last().isEqualTo(UiChunks.DONE);
            assertThat(chunks).anyMatch(chunk -> chunk.contains("\"abort\""));
        } finally {
            providerSpeaks.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(List<String> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(chunk -> !chunk.equals(UiChunks.DONE)).map(ChatJson.MAPPER::readTree)
                .filter(chunk -> chunk.get("type").asString().equals("text-delta"))
                .forEach(chunk -> text.append(chunk.get("delta").asString()));
        return text.toString();
    }
}
