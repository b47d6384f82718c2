package com.therapyplatform.notification.web;

import com.therapyplatform.notification.channel.RecordingSmsSink;
import com.therapyplatform.platform.security.StaffAccessLog;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the recording SMS sink took in, for the local stack and demos; it exists only with
 * {@code notification.sms.provider=recording}, where nothing is really sent. The recorded texts carry phone
 * numbers and links to intakes: role STAFF only, and every read is written to the staff access log.
 */
@RestController
@ConditionalOnProperty(name = "notification.sms.provider", havingValue = "recording")
class LocalSmsController {

    private final RecordingSmsSink sink;
    private final StaffAccessLog accessLog;

    LocalSmsController(RecordingSmsSink sink, StaffAccessLog accessLog) {
        this.sink = sink;
        this.accessLog = accessLog;
    }

    @GetMapping(path = "/local/sms", produces = MediaType.APPLICATION_JSON_VALUE)
    List<RecordingSmsSink.RecordedSms> recorded() {
        accessLog.listRead("local-sms.list");
        return sink.recorded();
    }
}
