package com.therapyplatform.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/** Writes the run's figures as {@code report.json} and {@code report.md}. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static void write(Path dir, Map<String, Object> report) throws Exception {
        Files.createDirectories(dir);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(dir.resolve("report.json"), json.writeValueAsString(report));

        StringBuilder md = new StringBuilder();
        md.append("# Fault suite report\n\n");
        Map<String, Object> run = (Map<String, Object>) report.get("run");
        md.append("| | |\n| --- | --- |\n");
        run.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Verdict\n\n");
        Map<String, Object> verdict = (Map<String, Object>) report.get("verdict");
        md.append("| | |\n| --- | --- |\n");
        verdict.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Submissions\n\n| outcome | count |\n| --- | --- |\n");
        ((Map<String, Object>) report.get("submissions")).forEach((k, v) ->
                md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Checks (per accepted intake)\n\n")
                .append("| what | expected | ok | lost | duplicated | out of order | unexpected |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        Map<String, Map<String, Object>> checks = (Map<String, Map<String, Object>>) report.get("checks");
        checks.forEach((k, t) -> md.append("| ").append(k).append(" | ").append(t.get("expected")).append(" | ")
                .append(t.get("ok")).append(" | ").append(t.get("lost")).append(" | ").append(t.get("duplicated"))
                .append(" | ").append(t.get("outOfOrder")).append(" | ").append(t.get("unexpected")).append(" |\n"));
        for (Map.Entry<String, Map<String, Object>> e : checks.entrySet()) {
            List<String> examples = (List<String>) e.getValue().get("examples");
            if (!examples.isEmpty()) {
                md.append("\n**").append(e.getKey()).append("** examples:\n\n");
                examples.forEach(x -> md.append("- `").append(x).append("`\n"));
            }
        }
        md.append("\n## Effects\n\n| | |\n| --- | --- |\n");
        ((Map<String, Object>) report.get("effects")).forEach((k, v) ->
                md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Faults\n\n| # | fault | target | pid | at (s into the drive) | restarted after (ms) | ready after (ms) | recovery (ms) | note |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        int i = 0;
        for (Map<String, Object> f : (List<Map<String, Object>>) report.get("faults")) {
            md.append("| ").append(++i).append(" | ").append(f.get("kind")).append(" | ").append(f.get("target"))
                    .append(" | ").append(f.get("pid")).append(" | ").append(f.get("atSeconds")).append(" | ")
                    .append(f.get("restartedAfterMs")).append(" | ").append(f.get("readyAfterMs")).append(" | ")
                    .append(f.get("recoveryMs") == null ? "not observed" : f.get("recoveryMs")).append(" | ")
                    .append(f.get("note")).append(" |\n");
        }
        md.append("\nRecovery = time from the fault until every partition completed (terminal matching outcome) an "
                + "intake submitted after the fault.\n");
        md.append("\n## Poison records\n\n| topic | partition | dead letters | to the DLT (ms) | neighbour processed (ms) "
                + "| peers on the other partitions, median (ms) | queued behind the poison | ok |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Map<String, Object> p : (List<Map<String, Object>>) report.get("poison")) {
            md.append("| ").append(p.get("topic")).append(" | ").append(p.get("partition")).append(" | ")
                    .append(p.get("deadLetters")).append(" | ").append(p.get("toDeadLetterMs")).append(" | ")
                    .append(p.get("neighbourProcessedMs")).append(" | ").append(p.get("peersProcessedMs")).append(" | ")
                    .append(p.get("queuedBehindPoison")).append(" | ").append(p.get("ok")).append(" |\n");
        }
        Files.writeString(dir.resolve("report.md"), md.toString());
    }
}
