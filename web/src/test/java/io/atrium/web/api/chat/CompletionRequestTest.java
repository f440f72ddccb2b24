package io.atrium.web.api.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class CompletionRequestTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @Test
    void parameters_that_change_what_the_answer_is_are_refused_by_name_never_dropped() {
        for (String parameter : new String[] {"\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]",
                "\"tool_choice\":\"auto\"", "\"response_format\":{\"type\":\"json_object\"}", "\"n\":2",
                "\"logprobs\":true", "\"functions\":[]", "\"audio\":{\"voice\":\"alloy\"}"}) {
            String name = parameter.substring(1, parameter.indexOf('"', 1));
            assertThatThrownBy(() -> CompletionRequest.parse("{" + MESSAGES + "," + parameter + "}"))
                    .as(parameter)
                    .asInstanceOf(type(CompletionRequest.InvalidRequest.class))
                    .satisfies(refusal -> {
                        assertThat(refusal.param()).isEqualTo(name);
                        assertThat(refusal.code()).isEqualTo("unsupported_parameter");
                        assertThat(refusal.getMessage()).startsWith("'" + name + "' is not supported");
                    });
        }
    }

    @Test
    void the_values_that_mean_the_same_as_leaving_a_parameter_out_are_accepted() throws Exception {
        CompletionRequest request = CompletionRequest.parse("{" + MESSAGES + ",\"n\":1,\"logprobs\":false,"
                + "\"response_format\":{\"type\":\"text\"},\"tools\":[],\"tool_choice\":null,\"user\":\"x\"}");

        assertThat(request.chat().conversation()).hasSize(1);
    }
}
