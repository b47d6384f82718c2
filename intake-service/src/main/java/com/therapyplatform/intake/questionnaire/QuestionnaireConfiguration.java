package com.therapyplatform.intake.questionnaire;

import com.therapyplatform.questionnaire.InstrumentId;
import com.therapyplatform.questionnaire.Questionnaire;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QuestionnaireConfiguration {

    /**
     * The questionnaire this service asks and validates. {@code questionnaire.disabled-instruments} must
     * equal triage-service's, or triage would reject intakes this service accepted (or the reverse).
     */
    @Bean
    Questionnaire questionnaire(@Value("${questionnaire.disabled-instruments:}") Set<InstrumentId> disabled) {
        return Questionnaire.current().withDisabled(disabled);
    }
}
