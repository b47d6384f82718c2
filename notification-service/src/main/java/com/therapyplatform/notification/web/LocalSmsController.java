package com.therapyplatform.notification.web;

import com.therapyplatform.notification.channel.RecordingSmsSink;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the recording SMS sink took in, for the local stack and demos; it exists only with
 * {@code notification.sms.provider=recording}, where nothing is really sent.
 */
@RestController
@ConditionalOnProperty(name = "notification.sms.provider", havingValue = "recording")
class LocalSmsController {

    private final RecordingSmsSink sink;

    LocalSmsController(RecordingSmsSink sink) {
        this.sink = sink;
    }

    @GetMapping(path = "/local/sms", produces = MediaType.APPLICATION_JSON_VALUE)
    List<RecordingSmsSink.RecordedSms> recorded() {
        return sink.recorded();
    }
}
