package dev.dbcheck.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpqlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM Invoice i",
            "delete Invoice",
            "DELETE Invoice i WHERE i.id = :id OR 1 = 1",
            "UPDATE Invoice i SET i.paid = true",
            "update versioned Invoice set paid = :true",
            "UPDATE Invoice i SET i.total = (SELECT sum(l.amount) FROM Line l WHERE l.invoice = i)",
            "DELETE FROM Invoice i WHERE TRUE",
            "DELETE FROM #{#entityName} e",
    })
    void unbounded(String jpql) {
        DestructiveSql.Result result = Jpql.analyze(jpql);
        assertEquals(List.of(), result.unparsed(), jpql);
        assertEquals(1, result.changes().size(), jpql);
        assertTrue(result.changes().get(0).change().entity());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE Invoice i WHERE i.id = :id",
            "DELETE FROM Invoice i WHERE i.paid = :true",
            "UPDATE Invoice i SET i.state = com.acme.billing.State.CLOSED WHERE i.id = ?1",
            "DELETE FROM Invoice i WHERE i.id IN (FROM Invoice x WHERE x.customer IS NULL)",
            "UPDATE Invoice i SET i.note = 'no where here' WHERE i.id = :id",
            "DELETE FROM Invoice i WHERE :a = :a",
            "UPDATE Invoice i SET i.paid = true WHERE i.customer.name LIKE 'x%' ESCAPE '!'",
            "SELECT i FROM Invoice i",
            "FROM Invoice",
            "INSERT INTO Archive (id) SELECT i.id FROM Invoice i",
    })
    void boundedOrNotAChange(String jpql) {
        DestructiveSql.Result result = Jpql.analyze(jpql);
        assertEquals(List.of(), result.unparsed(), jpql);
        assertEquals(List.of(), result.changes(), jpql);
    }

    @Test
    void theEntityAndTheTautologyAreNamed() {
        UnboundedChange c = Jpql.analyze("DELETE FROM Invoice i WHERE 'a' = 'a'").changes().get(0).change();
        assertEquals("Invoice", c.table());
        assertEquals("'a' = 'a'", c.alwaysTrueCondition().orElseThrow());
    }

    @Test
    void aNoteOnlyWhenTheShapeCannotBeRead() {
        assertEquals(List.of("unterminated string literal"), reasons("DELETE FROM Invoice i WHERE i.code = 'x"));
        assertEquals(List.of("unbalanced parentheses"), reasons("DELETE FROM Invoice i WHERE (i.id = 1"));
        assertEquals(List.of("no entity name after DELETE"), reasons("DELETE FROM"));
    }

    private static List<String> reasons(String jpql) {
        return Jpql.analyze(jpql).unparsed().stream().map(DestructiveSql.Unparsed::reason).toList();
    }
}
