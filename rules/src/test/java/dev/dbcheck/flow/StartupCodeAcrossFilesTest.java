package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisRequest;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.engine.Analyzer;
import dev.dbcheck.rules.pool.ConnectionPerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template method judged by its superclass's file: editing that file changes the subclass's findings, warm too. */
class StartupCodeAcrossFilesTest {

    @TempDir
    Path dir;

    private static final String CONFIGURER = """
            package p;
            %s
            public abstract class Configurer {
                %s Object commands(String host) { return create(host); }
                abstract Object create(String host);
            }
            """;

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private List<String> findings(boolean cached) {
        AnalysisRequest.Builder b = AnalysisRequest.builder(dir).javaRoot(dir.resolve("src"))
                .rules(List.of(new ConnectionPerRequest()));
        if (cached) {
            b.cacheFile(dir.resolve("target/cache.json.gz"));
        }
        AnalysisResult r = new Analyzer().analyze(b.build());
        return r.findings().stream().map(f -> f.file().getFileName() + ":" + f.beginLine()).toList();
    }

    @Test
    void aFactoryReachedOnlyFromASuperclassBeanMethodRunsOnceWarmAsCold() throws IOException {
        write("src/p/Configurer.java", CONFIGURER.formatted("import org.springframework.context.annotation.Bean;", "@Bean"));
        write("src/p/Sentinel.java", """
                package p;
                import redis.clients.jedis.JedisPool;
                class Sentinel extends Configurer {
                    @Override Object create(String host) { return pool(host); }
                    private JedisPool pool(String host) { return new JedisPool(host, 6379); }
                }
                """);
        assertEquals(List.of(), findings(true));

        // Without @Bean, commands() runs whenever someone calls it: the pool is built per call, warm as cold.
        write("src/p/Configurer.java", CONFIGURER.formatted("", ""));
        List<String> warm = findings(true);
        assertEquals(List.of("Sentinel.java:5"), warm);
        assertEquals(findings(false), warm);

        // And back.
        write("src/p/Configurer.java", CONFIGURER.formatted("import org.springframework.context.annotation.Bean;", "@Bean"));
        assertEquals(List.of(), findings(true));
    }
}
