package com.therapyplatform.notification.domain;

import static com.therapyplatform.notification.domain.NotificationPlannerTest.helpline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.RiskTier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceCatalogTest {

    static final Map<RiskTier, List<String>> CRISIS = Map.of(RiskTier.ELEVATED, List.of("988"),
            RiskTier.IMMINENT, List.of("988"));

    @Test
    void theRetired988Press3OptionIsRefusedInAnyLanguage() {
        var press3 = new Helpline("988", Map.of(
                Language.EN, new Helpline.Text("988", "Call 988. Press 3 for LGBTQ+ support."),
                Language.ES, new Helpline.Text("988", "Llame al 988.")));

        assertThatThrownBy(() -> new ResourceCatalog(List.of(press3), List.of("988"), CRISIS, Map.of()))
                .hasMessageContaining("press-3");
    }

    @Test
    void aResourceNeedsATextInEveryLanguage() {
        assertThatThrownBy(() -> new Helpline("988", Map.of(Language.EN, new Helpline.Text("988", "Call 988."))))
                .hasMessageContaining("ES");
    }

    @Test
    void everyReferenceMustResolveAndBothRiskTiersNeedCrisisResources() {
        assertThatThrownBy(() -> new ResourceCatalog(List.of(helpline("988")), List.of("988"), CRISIS,
                Map.of(Category.SUBSTANCE_USE, List.of("samhsa")))).hasMessageContaining("samhsa");
        assertThatThrownBy(() -> new ResourceCatalog(List.of(helpline("988")), List.of("988"),
                Map.of(RiskTier.ELEVATED, List.of("988")), Map.of())).hasMessageContaining("IMMINENT");
    }

    @Test
    void categoryResourcesFollowTheGeneralOnesEachOnceInCategoryOrder() {
        var catalog = new ResourceCatalog(List.of(helpline("988"), helpline("samhsa"), helpline("nami")),
                List.of("988"), CRISIS, Map.of(
                        Category.SUBSTANCE_USE, List.of("samhsa", "988"),
                        Category.POSSIBLE_DEPRESSION, List.of("nami")));

        assertThat(catalog.forCategories(Set.of(Category.SUBSTANCE_USE, Category.POSSIBLE_DEPRESSION)))
                .extracting(Helpline::id).containsExactly("988", "nami", "samhsa");
        assertThat(catalog.forCategories(Set.of())).extracting(Helpline::id).containsExactly("988");
        assertThat(catalog.crisis(RiskTier.NONE)).extracting(Helpline::id).containsExactly("988");
    }
}
