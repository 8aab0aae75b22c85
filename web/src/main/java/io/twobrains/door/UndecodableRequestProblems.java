package io.twobrains.door;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request Netty cannot decode (headers over the size limit, an overlong or broken request line)
 * never reaches the gateway; Reactor Netty would answer it with a bare status. This handler, right
 * after the HTTP codec, answers it as a problem like every other error of the API, and closes the
 * connection, since the rest of its bytes cannot be trusted.
 *
 * <p>On a kept-alive connection the undecodable request can arrive while the answer to the one before
 * it is still being written (the client has its body, but not every part has passed the encoder). The
 * problem then waits for that answer to end: written into the middle of it, the encoder would refuse
 * it and the client would see the connection close with no answer at all.
 */
final class UndecodableRequestProblems extends ChannelDuplexHandler {

    static final String NAME = "twobrains.undecodableRequestProblems";
    private static final Logger log = LoggerFactory.getLogger(UndecodableRequestProblems.class);
    private static final Duration LINGER = Duration.ofSeconds(2);

    /** Requests passed on to the server whose answers have not ended yet. */
    private int answersPending;
    /** The problem to send once no answer is pending, or null. */
    private FullHttpResponse problem;
    private boolean answered;

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (answered) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpRequest request && request.decoderResult().isFailure()) {
            answered = true;
            Throwable cause = request.decoderResult().cause();
            ReferenceCountUtil.release(message);
            problem = problem(statusFor(cause));
            if (answersPending == 0) {
                sendProblem(context);
            }
            return;
        }
        if (message instanceof HttpRequest) {
            answersPending++;
        }
        context.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        boolean ends = message instanceof LastHttpContent
                && !(message instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
        context.write(message, promise);
        if (ends && answersPending > 0) {
            answersPending--;
            if (answersPending == 0 && problem != null) {
                sendProblem(context);
            }
        }
    }

    private void sendProblem(ChannelHandlerContext context) {
        FullHttpResponse response = problem;
        problem = null;
        HttpResponseStatus status = response.status();
        context.writeAndFlush(response).addListener(written -> {
            if (!written.isSuccess()) {
                log.warn("could not answer an undecodable request with {}", status, written.cause());
            }
            lingeringClose(context);
        });
    }

    private static HttpResponseStatus statusFor(Throwable cause) {
        return cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
    }

    /**
     * Closing at once while the client is still sending the rest of an oversized request makes the
     * kernel answer the unread bytes with a reset, which can reach the client before the problem
     * does. So the server stops writing, drops what still arrives, and closes when the client has
     * read the answer and closed its side, or after a grace period.
     */
    private static void lingeringClose(ChannelHandlerContext context) {
        if (context.channel() instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
            context.executor().schedule(() -> context.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            context.close();
        }
    }

    private static FullHttpResponse problem(HttpResponseStatus status) {
        String detail = status == HttpResponseStatus.BAD_REQUEST ? "the request is not valid HTTP"
                : "the request's " + (status == HttpResponseStatus.REQUEST_URI_TOO_LONG ? "first line" : "headers")
                        + " are larger than the server accepts";
        String json = "{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":" + status.code()
                + ",\"detail\":\"" + detail + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
