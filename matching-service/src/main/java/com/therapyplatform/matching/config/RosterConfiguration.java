package com.therapyplatform.matching.config;

import com.therapyplatform.matching.domain.ClinicianRoster;
import com.therapyplatform.matching.domain.Matcher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

@Configuration(proxyBeanMethods = false)
class RosterConfiguration {

    @Bean
    ClinicianRoster clinicianRoster(@Value("${matching.seed-roster}") Resource seed) {
        return new SeedRoster(seed);
    }

    @Bean
    Matcher matcher() {
        return new Matcher();
    }
}
