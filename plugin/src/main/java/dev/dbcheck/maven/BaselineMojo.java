package dev.dbcheck.maven;

import dev.dbcheck.baseline.Baseline;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Records every current finding in the baseline file ({@code dbcheck-baseline.json} at the project root, the one
 * file the plugin writes outside {@code target/}, because it belongs in version control). From then on
 * {@code dbcheck:verify} reports those findings apart and fails only on new ones. Run it again to shrink the file
 * once findings are fixed. Findings suppressed in source are not recorded: they are already excused.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractDbcheckMojo {

    @Override
    public void execute() throws MojoExecutionException {
        AnalysisResult result = analyze();
        Baseline baseline = Baseline.of(result);
        Path file = baselineFile();
        try {
            baseline.write(file);
        } catch (IOException e) {
            throw new MojoExecutionException("dbcheck could not write the baseline (parameter baseline) " + file + ": "
                    + e, e);
        }
        Map<String, Integer> byRule = new TreeMap<>();
        for (Finding f : result.findings()) {
            byRule.merge(f.ruleId(), 1, Integer::sum);
        }
        getLog().info("dbcheck: baseline written: " + file + " (" + ConsoleReporter.plural(baseline.entries().size(),
                "finding") + ")");
        byRule.forEach((rule, count) -> getLog().info("dbcheck:   " + rule + ": " + count));
    }
}
