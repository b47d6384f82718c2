package com.therapyplatform.notification.domain;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.RiskTier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which helplines a message shows (CLINICAL.md): the general ones in every message to a client, the
 * crisis ones by risk tier on an urgent intake, and condition-specific ones by triage category (e.g.
 * the SAMHSA National Helpline for substance use). The texts come from configuration; this class
 * checks that every reference resolves, every text exists in every language, and that the retired
 * 988 "press 3" option is never shown.
 */
public final class ResourceCatalog {

    private final Map<String, Helpline> helplines;
    private final List<String> general;
    private final Map<RiskTier, List<String>> crisis;
    private final Map<Category, List<String>> byCategory;

    public ResourceCatalog(List<Helpline> helplines, List<String> general, Map<RiskTier, List<String>> crisis,
            Map<Category, List<String>> byCategory) {
        Map<String, Helpline> byId = new java.util.LinkedHashMap<>();
        helplines.forEach(h -> byId.put(h.id(), h));
        this.helplines = Map.copyOf(byId);
        this.general = List.copyOf(general);
        this.crisis = Map.copyOf(new EnumMap<>(crisis));
        this.byCategory = byCategory.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byCategory));
        for (RiskTier tier : List.of(RiskTier.ELEVATED, RiskTier.IMMINENT)) {
            if (this.crisis.getOrDefault(tier, List.of()).isEmpty()) {
                throw new IllegalArgumentException("no crisis resources for risk tier " + tier);
            }
        }
        List<String> referenced = new ArrayList<>(this.general);
        this.crisis.values().forEach(referenced::addAll);
        this.byCategory.values().forEach(referenced::addAll);
        for (String id : referenced) {
            if (!this.helplines.containsKey(id)) {
                throw new IllegalArgumentException("unknown resource " + id);
            }
        }
        for (Helpline helpline : this.helplines.values()) {
            helpline.text().values().forEach(text -> refuseRetiredOption(helpline.id(), text.how()));
        }
    }

    /** Shown in every message to a client. */
    public List<Helpline> general() {
        return resolve(general);
    }

    /** Crisis resources for an urgent intake, in the order to show them; an unknown tier counts as elevated. */
    public List<Helpline> crisis(RiskTier tier) {
        return resolve(crisis.get(tier == RiskTier.IMMINENT ? RiskTier.IMMINENT : RiskTier.ELEVATED));
    }

    /** The general resources, then those for the triage categories (in category order), each once. */
    public List<Helpline> forCategories(Set<Category> categories) {
        Set<String> ids = new LinkedHashSet<>(general);
        for (Category category : Category.values()) {
            if (categories.contains(category)) {
                ids.addAll(byCategory.getOrDefault(category, List.of()));
            }
        }
        return resolve(List.copyOf(ids));
    }

    private List<Helpline> resolve(List<String> ids) {
        return ids.stream().map(helplines::get).toList();
    }

    /** 988 ended its "press 3" LGBTQ+ option on 17 July 2025: a catalog that still offers it is refused. */
    private static void refuseRetiredOption(String id, String how) {
        String text = how.toLowerCase(Locale.ROOT);
        if (text.contains("press 3") || text.contains("oprima 3") || text.contains("marque 3")) {
            throw new IllegalArgumentException("resource " + id + " shows the retired 988 press-3 option");
        }
    }
}
