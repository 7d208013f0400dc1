package dev.dbcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MapLiteralsTest {

    private static Optional<List<String>> keysOfArgument(String body) {
        FlowFixture f = FlowFixture.of(body);
        return new MapLiterals(f.types, f.constants).entries(f.call("use").getArgument(0))
                .map(es -> es.stream().map(e -> e.key() + "=" + e.value()).toList());
    }

    @Test
    void mapOfAndConstantsAsKeys() {
        assertEquals(Optional.of(List.of("pk=a", "sk=b")),
                keysOfArgument("static final String PK = \"pk\"; void m(Object a, Object b) { use(Map.of(PK, a, \"sk\", b)); }"));
    }

    @Test
    void throughALocalAndPuts() {
        assertEquals(Optional.of(List.of("pk=x")),
                keysOfArgument("void m(Object x) { var key = Map.of(\"pk\", x); use(key); }"));
        assertEquals(Optional.of(List.of("pk=x", "n=y")),
                keysOfArgument("void m(Object x, Object y) { Map<String, Object> item = new HashMap<>(); item.put(\"pk\", x); item.put(\"n\", y); use(item); }"));
        assertEquals(Optional.of(List.of("id=v")),
                keysOfArgument("void m(Object v) { use(Collections.singletonMap(\"id\", v)); }"));
        assertEquals(Optional.of(List.of("id=v")),
                keysOfArgument("void m(Object v) { use(Map.ofEntries(Map.entry(\"id\", v))); }"));
    }

    @Test
    void putsAreFoundWhenTheMapIsUsedInsideALambda() {
        FlowFixture f = FlowFixture.of(
                "void m(Object x) { Map<String, Object> item = new HashMap<>(); item.put(\"pk\", x); run(() -> use(item)); }");
        assertEquals(1, new MapLiterals(f.types, f.constants).entries(f.call("use").getArgument(0)).orElseThrow().size());
    }

    @Test
    void unknownMapsAreEmpty() {
        assertTrue(keysOfArgument("void m(Map<String, Object> given) { use(given); }").isEmpty());
        assertTrue(keysOfArgument("void m(String k, Object v) { use(Map.of(k, v)); }").isEmpty());
        assertTrue(keysOfArgument("void m() { use(build()); }").isEmpty());
    }
}
