package dev.dbcheck.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.rules.redis.RedisKeysCommand;
import dev.dbcheck.testing.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A constant declared in another file of the project is read as its declaring file computes it (the declarations
 * carry the value): through the type's name, inherited from a project interface, and statically imported. Shown by
 * the pattern a KEYS finding quotes: a constant it cannot read is quoted by its name.
 */
class CrossFileConstantsTest {

    private static final String KEYS = """
            package p.keys;
            public interface CacheKeys {
                String PREFIX = "app:";
                String DICT = PREFIX + "dict:";
                String VERSIONED = DICT + 2 + ':';
                static final int TTL = 60;
                String NOT_CONSTANT_TEXT = String.valueOf(TTL);
            }
            """;

    private static List<String> patterns(String code) {
        AnalysisResult result = RuleTester.of(new RedisKeysCommand()).file("src/main/java/p/keys/CacheKeys.java", KEYS)
                .file("src/main/java/p/Dicts.java", code).run();
        return result.findings().stream().map(f -> f.message().replaceAll("^.*sends KEYS \"([^\"]*)\".*$", "$1"))
                .sorted().toList();
    }

    @Test
    void aConstantOfAnotherFileIsReadThroughItsTypeItsSubtypesAndStaticImports() {
        assertEquals(List.of("app:dict:*", "app:dict:2:*", "app:dict:a*", "{CacheKeys.NOT_CONSTANT_TEXT}*"), patterns("""
                package p;
                import org.springframework.data.redis.core.StringRedisTemplate;
                import p.keys.CacheKeys;
                public class Dicts {
                    private final StringRedisTemplate redis;
                    public Dicts(StringRedisTemplate redis) { this.redis = redis; }
                    public void clear() {
                        redis.keys(CacheKeys.DICT + "*");
                        redis.keys(CacheKeys.VERSIONED + "*");
                        redis.keys(CacheKeys.NOT_CONSTANT_TEXT + "*");
                    }
                    static class Inner implements CacheKeys {
                        void clear(StringRedisTemplate redis) {
                            redis.keys(DICT + "a*");
                        }
                    }
                }
                """));
        assertEquals(List.of("app:dict:*"), patterns("""
                package p;
                import static p.keys.CacheKeys.DICT;
                import org.springframework.data.redis.core.StringRedisTemplate;
                public class Dicts {
                    private final StringRedisTemplate redis;
                    public Dicts(StringRedisTemplate redis) { this.redis = redis; }
                    public void clear() {
                        redis.keys(DICT + "*");
                    }
                }
                """));
    }
}
