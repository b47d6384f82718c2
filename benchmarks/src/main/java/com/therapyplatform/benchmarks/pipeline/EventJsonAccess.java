package com.therapyplatform.benchmarks.pipeline;

import com.therapyplatform.contracts.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a result file back (for --render). */
final class EventJsonAccess {

    private EventJsonAccess() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path json) throws IOException {
        return EventJson.mapper().readValue(Files.readAllBytes(json), LinkedHashMap.class);
    }
}
