package com.therapyplatform.matching.config;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.messaging.MatchingStreams;
import com.therapyplatform.matching.messaging.RosterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * The local and demo stacks start with a roster (42 clinicians in 8 states, on-call cover around the
 * clock in each), written to {@code clinicians.v1} when the roster is empty, so they match out of the
 * box. Never in any other profile: a production roster comes from the admin API only.
 */
@Component
@Profile({"local", "demo"})
class SeedRosterLoader {

    private static final Logger log = LoggerFactory.getLogger(SeedRosterLoader.class);
    private static final Duration WAIT_FOR_STREAMS = Duration.ofSeconds(60);

    private final MatchingStreams streams;
    private final RosterWriter writer;
    private final Resource seed;

    SeedRosterLoader(MatchingStreams streams, RosterWriter writer, @Value("${matching.seed-roster}") Resource seed) {
        this.streams = streams;
        this.writer = writer;
        this.seed = seed;
    }

    /** Off the main thread: the roster can only be read once the streams run. */
    @EventListener(ApplicationReadyEvent.class)
    void seedWhenEmpty() {
        Thread thread = new Thread(this::seed, "seed-roster");
        thread.setDaemon(true);
        thread.start();
    }

    private void seed() {
        long deadline = System.nanoTime() + WAIT_FOR_STREAMS.toNanos();
        try {
            while (!streams.running()) {
                if (System.nanoTime() > deadline) {
                    log.warn("Seed roster not loaded: matching streams did not start within {}", WAIT_FOR_STREAMS);
                    return;
                }
                Thread.sleep(200); // polling a state on a background thread, not a test
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (streams.rosterSize() > 0) {
            log.info("Roster has clinicians; seed roster not loaded");
            return;
        }
        List<ClinicianProfile> clinicians = read(seed);
        clinicians.forEach(writer::put);
        log.info("Seed roster loaded: {} clinicians", clinicians.size());
    }

    static List<ClinicianProfile> read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return EventJson.mapper().readValue(in, new TypeReference<List<ClinicianProfile>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
