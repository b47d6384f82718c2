package com.therapyplatform.matching.config;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.matching.domain.Clinician;
import com.therapyplatform.matching.domain.ClinicianRoster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import org.springframework.core.io.Resource;
import tools.jackson.core.type.TypeReference;

/** A roster read from a JSON file: the seed for local and demo stacks, never for production. */
public final class SeedRoster implements ClinicianRoster {

    private final List<Clinician> clinicians;

    public SeedRoster(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            this.clinicians = List.copyOf(EventJson.mapper().readValue(in, new TypeReference<List<Clinician>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Collection<Clinician> clinicians() {
        return clinicians;
    }
}
