package io.twobrains.command.chat.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** A streamed answer reaches the SDK as it arrives, not when a reader's array is full. */
class StreamedBodyTest {

    private static DataBuffer text(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReadReturnsWhatHasArrivedWithoutWaitingForMore() throws IOException {
        Sinks.Many<DataBuffer> server = Sinks.many().unicast().onBackpressureBuffer();
        StreamedBody body = new StreamedBody(server.asFlux());
        byte[] array = new byte[8192];

        server.tryEmitNext(text("data: one\n\n"));
        assertThat(new String(array, 0, body.read(array, 0, array.length), StandardCharsets.UTF_8)).isEqualTo("data: one\n\n");
        server.tryEmitNext(text("data: two\n\n"));
        assertThat(body.read(array, 0, 4)).isEqualTo(4);
        assertThat(body.read(array, 0, array.length)).as("the rest of the same buffer").isEqualTo(7);
        server.tryEmitComplete();
        assertThat(body.read(array, 0, array.length)).isEqualTo(-1);
    }

    @Test
    void aBrokenAnswerIsAnIoError() {
        StreamedBody body = new StreamedBody(Flux.concat(Flux.just(text("x")), Flux.error(new IllegalStateException("reset"))));
        assertThatThrownBy(() -> body.readAllBytes()).isInstanceOf(IOException.class).hasRootCauseMessage("reset");
    }

    @Test
    void closingWakesAReaderWaitingInAnotherThreadAndCancelsTheAnswer() throws Exception {
        boolean[] cancelled = {false};
        StreamedBody body = new StreamedBody(Flux.<DataBuffer>never().doOnCancel(() -> cancelled[0] = true));
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return body.read(new byte[10], 0, 10);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(Duration.ofMillis(100).toMillis());

        body.close();

        assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(cancelled[0]).isTrue();
    }
}
