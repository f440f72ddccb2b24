package io.atrium.ai.internal.client;

import static io.atrium.ai.internal.client.AzureOpenAiChatAgainstStandInTest.CONVERSATION;
import static io.atrium.ai.internal.client.AzureOpenAiChatAgainstStandInTest.ERIN;
import static io.atrium.ai.internal.client.AzureOpenAiChatAgainstStandInTest.KEY;
import static io.atrium.ai.internal.client.AzureOpenAiChatAgainstStandInTest.chat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatStream;
import io.atrium.ai.RecordingListener;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.Fault;
import io.atrium.standins.openai.ReceivedRequest;

/** Streamed answers over real HTTP from the Azure OpenAI stand-in: pieces as they come, the end, the stop button. */
class StreamingAgainstStandInTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private AzureOpenAiStandIn standIn;

    @BeforeEach
    void start() {
        standIn = AzureOpenAiStandIn.start(0, KEY);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void pieces_arrive_in_order_and_the_end_brings_usage_and_filter_results() throws Exception {
        RecordingListener listener = new RecordingListener();

        ChatStream stream = stream(listener);
        ChatReply reply = stream.result().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(String.join("", listener.deltas)).isEqualTo("Echo: Where do I find the travel policy?");
        assertThat(listener.deltas).hasSize(8);
        assertThat(reply.content()).isEqualTo("Echo: Where do I find the travel policy?");
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.promptTokens()).isEqualTo(9);
        assertThat(reply.completionTokens()).isEqualTo(8);
        assertThat(reply.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(listener.endings).isEqualTo(1);
        ReceivedRequest received = standIn.received().get(0);
        assertThat(received.body()).contains("\"stream\":true", "\"stream_options\":{\"include_usage\":true}");
    }

    @Test
    void pieces_reach_the_listener_as_they_are_sent_not_at_the_end() throws Exception {
        standIn.failNext(Fault.slowEvents(Duration.ofMillis(150)));
        RecordingListener listener = new RecordingListener();

        stream(listener);
        listener.awaitEnd(WAIT);

        long firstToLast = listener.deltaNanos.get(listener.deltaNanos.size() - 1) - listener.deltaNanos.get(0);
        assertThat(Duration.ofNanos(firstToLast)).as("8 pieces 150 ms apart").isGreaterThan(Duration.ofMillis(700));
        assertThat(listener.reply().content()).isEqualTo(String.join("", listener.deltas));
    }

    @Test
    void cancel_aborts_the_upstream_call_and_ends_with_what_had_arrived() throws Exception {
        standIn.failNext(Fault.slowEvents(Duration.ofMillis(300)));
        RecordingListener listener = new RecordingListener();
        ChatStream stream = stream(listener);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (listener.deltas.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        stream.cancel();

        ChatReply partial = listener.awaitEnd(WAIT).reply();
        assertThat(partial.finishReason()).isEqualTo(ChatReply.CANCELLED);
        assertThat(partial.content()).isEqualTo(String.join("", listener.deltas)).startsWith("Echo:");
        while (standIn.abandonedStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(standIn.abandonedStreams()).as("the stand-in saw the client go away").isEqualTo(1);
        int deltasAtCancel = listener.deltas.size();
        Thread.sleep(700);
        assertThat(listener.deltas).as("nothing after the stop").hasSize(deltasAtCancel);
        assertThat(listener.endings).isEqualTo(1);
        stream.cancel();
        assertThat(listener.endings).as("a second cancel does nothing").isEqualTo(1);
    }

    @Test
    void cancel_before_the_first_byte_aborts_the_waiting_call() throws Exception {
        standIn.failNext(Fault.slowFirstByte(Duration.ofSeconds(3)));
        RecordingListener listener = new RecordingListener();
        ChatStream stream = stream(listener);

        stream.cancel();

        assertThat(listener.awaitEnd(WAIT).reply().finishReason()).isEqualTo(ChatReply.CANCELLED);
        assertThat(listener.reply().content()).isEmpty();
        assertThat(listener.deltas).isEmpty();
    }

    private ChatStream stream(RecordingListener listener) {
        return chat(standIn.endpoint(), KEY).stream(ERIN, "gpt-4o-mini", CONVERSATION, Optional.empty(),
                Optional.empty(), listener);
    }
}
