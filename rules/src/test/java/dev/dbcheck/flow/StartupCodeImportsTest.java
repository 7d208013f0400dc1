package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.dbcheck.model.Declarations;
import dev.dbcheck.model.FileDeclarations;
import dev.dbcheck.model.MethodSummaries;
import dev.dbcheck.model.ProjectModel;
import dev.dbcheck.types.LibraryTypes;
import dev.dbcheck.types.TypeResolver;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A name in a superclass means what the superclass's file imports, whoever asks: a template method that a
 * superclass calls from a Guava {@code CacheLoader} runs once per key even when the subclass's file does not import
 * {@code CacheLoader}, and a superclass's own {@code CacheLoader} class stays its own when the subclass imports
 * Guava's.
 */
class StartupCodeImportsTest {

    private static final String SUBCLASS = """
            package p.pools;
            %s
            import p.base.Registry;
            import redis.clients.jedis.JedisPool;
            class Pools extends Registry {
                @Override
                protected JedisPool create(String host) {
                    return new JedisPool(host, 6379);
                }
            }
            """;

    private static final String REGISTRY = """
            package p.base;
            import %s;
            import redis.clients.jedis.JedisPool;
            public abstract class Registry {
                private final Object pools = build(new CacheLoader<String, JedisPool>() {
                    @Override
                    public JedisPool load(String host) {
                        return create(host);
                    }
                });
                protected abstract JedisPool create(String host);
                private static Object build(Object loader) { return loader; }
            }
            """;

    private static final String OWN_LOADER = """
            package p.base;
            public abstract class CacheLoader<K, V> {
                public abstract V load(K key);
            }
            """;

    private static Optional<StartupCode.Reason> poolCreation(String registry, String subclass) {
        Map<Path, CompilationUnit> trees = new LinkedHashMap<>();
        trees.put(Path.of("Registry.java"), parse(registry));
        trees.put(Path.of("CacheLoader.java"), parse(OWN_LOADER));
        trees.put(Path.of("Pools.java"), parse(subclass));
        Map<Path, FileDeclarations> files = new LinkedHashMap<>();
        trees.forEach((p, cu) -> files.put(p, Declarations.of(cu)));
        ProjectModel model = ProjectModel.build(files, Set.of(), LibraryTypes.get());
        MethodSummaries summaries = new MethodSummaries(model, file -> Optional.ofNullable(trees.get(file)));
        CompilationUnit pools = trees.get(Path.of("Pools.java"));
        TypeResolver types = new TypeResolver(pools, model, LibraryTypes.get());
        StartupCode startup = new StartupCode(types, new ValueFlow(types), StartupCallers.withModel(summaries),
                summaries);
        ObjectCreationExpr create = pools.findFirst(ObjectCreationExpr.class).orElseThrow();
        return startup.reason(create);
    }

    private static CompilationUnit parse(String source) {
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                .parse(source).getResult().orElseThrow();
    }

    @Test
    void theSuperclassesGuavaLoaderRunsTheTemplateMethodOncePerKeyWhateverTheSubclassImports() {
        String registry = REGISTRY.formatted("com.google.common.cache.CacheLoader");
        assertEquals(Optional.of(StartupCode.Reason.CALLED_FROM_STARTUP), poolCreation(registry, SUBCLASS.formatted("")));
        assertEquals(Optional.of(StartupCode.Reason.CALLED_FROM_STARTUP), poolCreation(registry,
                SUBCLASS.formatted("import p.base.CacheLoader;")));
    }

    @Test
    void theSuperclassesOwnLoaderClassIsNotGuavasWhenTheSubclassImportsGuavas() {
        String registry = REGISTRY.formatted("p.base.CacheLoader").replace("import p.base.CacheLoader;\n", "");
        assertEquals(Optional.empty(), poolCreation(registry, SUBCLASS.formatted("")));
        assertEquals(Optional.empty(), poolCreation(registry,
                SUBCLASS.formatted("import com.google.common.cache.CacheLoader;")));
    }
}
