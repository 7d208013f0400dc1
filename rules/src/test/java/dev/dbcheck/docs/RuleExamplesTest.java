package dev.dbcheck.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import dev.dbcheck.engine.AnalysisResult;
import dev.dbcheck.finding.Finding;
import dev.dbcheck.finding.ProcessingError;
import dev.dbcheck.rule.Rule;
import dev.dbcheck.rule.RuleMetadata;
import dev.dbcheck.rule.RuleRegistry;
import dev.dbcheck.rules.dynamodb.DynamoDbScan;
import dev.dbcheck.testing.RuleTester;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The "Flagged" and "Not flagged" examples of every rule page run through their rule: the flagged one gives at
 * least one finding of the rule, the other none. The examples are snippets, so each is placed where it would live
 * (a class around members, a method around statements, a migration for SQL, application.yml for YAML) with the
 * declarations a real project would have around it; those are the table below, nothing about the rules.
 */
class RuleExamplesTest {

    /** On-demand imports of the libraries the examples use: the resolver reads them like the compiler. */
    private static final String IMPORTS = """
            import java.util.*;
            import java.util.concurrent.*;
            import java.time.*;
            import java.sql.*;
            import javax.sql.*;
            import software.amazon.awssdk.core.retry.*;
            import software.amazon.awssdk.services.dynamodb.*;
            import software.amazon.awssdk.services.dynamodb.model.*;
            import software.amazon.awssdk.enhanced.dynamodb.*;
            import software.amazon.awssdk.enhanced.dynamodb.model.*;
            import com.zaxxer.hikari.*;
            import org.apache.commons.dbcp2.*;
            import org.springframework.cache.annotation.*;
            import org.springframework.context.annotation.*;
            import org.springframework.data.redis.core.*;
            import org.springframework.data.redis.cache.*;
            import org.springframework.data.redis.connection.*;
            import com.amazonaws.services.lambda.runtime.*;
            import com.amazonaws.services.lambda.runtime.events.*;
            import java.util.stream.*;
            import com.github.benmanes.caffeine.cache.*;
            import redis.clients.jedis.*;
            import java.security.Security;
            import org.springframework.jdbc.core.*;
            import com.baomidou.dynamic.datasource.annotation.*;
            """;

    /** What surrounds the examples in a project: fields the snippets use, and the project's own types. */
    private static final String FIELDS = """
                DynamoDbClient dynamo;
                DynamoDbTable<Order> table;
                StringRedisTemplate redis;
                Jedis jedis;
                ProductRepository productRepository;
                Json json;
                String url;
                String user;
                String password;
                Counter throttles;
                org.slf4j.Logger log;
                Order map(ResultSet rs) { return null; }
                Map<String, AttributeValue> toItem(Order order) { return null; }
            """;
    private static final Map<String, String> PROJECT_TYPES = Map.of(
            "src/main/java/example/Order.java", "package example; public record Order(String id) {}",
            "src/main/java/example/Product.java", "package example; public record Product(long id) { public String toJson() { return null; } "
                    + "public static Product parse(String s) { return null; } }",
            "src/main/java/example/Json.java",
            "package example; public interface Json { Product read(String s); String write(Product p); }",
            "src/main/java/example/Counter.java", "package example; public interface Counter { void increment(); }",
            "src/main/java/example/DatabaseSettings.java",
            "package example; public interface DatabaseSettings { String url(); }",
            "src/main/java/example/ProductRepository.java",
            "package example; public interface ProductRepository extends "
                    + "org.springframework.data.repository.CrudRepository<Product, Long> {}");

    /** Options a page's example states in its own words (the YAML example's "x 300 pods on a db.r7g.large"). */
    private static final Map<String, Map<String, String>> OPTIONS = Map.of("ConnectionBudgetExceeded",
            Map.of("dbInstanceClass", "db.r7g.large", "dbEngine", "aurora-postgresql", "replicas", "300"));

    static Stream<RuleMetadata> rules() {
        return RuleRegistry.all().stream().map(Rule::metadata);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theFlaggedExampleIsFlagged(RuleMetadata rule) {
        List<Finding> findings = findings(rule, rule.badExample());
        assertFalse(findings.isEmpty(), rule.id() + ": its page's Flagged example gives no finding:\n"
                + rule.badExample());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theNotFlaggedExampleIsNot(RuleMetadata rule) {
        List<Finding> findings = findings(rule, rule.goodExample());
        assertEquals(List.of(), findings, rule.id() + ": its page's Not flagged example is flagged:\n"
                + rule.goodExample());
    }

    /** The findings of {@code rule} on the example, placed in a project; fails on any internal error. */
    private static List<Finding> findings(RuleMetadata rule, String example) {
        List<Rule> rules = new ArrayList<>();
        rules.add(RuleRegistry.byId(rule.id()).orElseThrow());
        if (rule.family() == dev.dbcheck.finding.Family.SUPPRESSION && !rule.id().equals("DynamoDbScan")) {
            rules.add(new DynamoDbScan()); // the suppression examples suppress scans
        }
        RuleTester tester = RuleTester.of(rules.toArray(Rule[]::new));
        PROJECT_TYPES.forEach(tester::file);
        OPTIONS.getOrDefault(rule.id(), Map.of()).forEach(tester::option);
        switch (RuleDocs.language(example)) {
            case "sql" -> tester.file("src/main/resources/db/migration/V1__example.sql", example);
            case "yaml" -> tester.file("src/main/resources/application.yml", example);
            case "properties" -> tester.file("src/main/resources/application.properties", example);
            case "xml" -> tester.file("src/main/resources/db/changelog/db.changelog-master.xml", example);
            default -> tester.file("src/main/java/example/Example.java", javaSource(example));
        }
        AnalysisResult result = tester.run();
        List<ProcessingError> internal = result.processingErrors().stream().filter(ProcessingError::internal).toList();
        assertEquals(List.of(), internal, rule.id());
        return result.findings().stream().filter(f -> f.ruleId().equals(rule.id())).toList();
    }

    /** Members go into a class; statements into a method of it. */
    private static String javaSource(String example) {
        String members = "package example;\n" + IMPORTS + "class Example {\n" + FIELDS + example + "\n}\n";
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
        if (parser.parse(members).isSuccessful()) {
            return members;
        }
        String statements = "package example;\n" + IMPORTS + "class Example {\n" + FIELDS
                + "void example() throws Exception {\n" + example + "\n}\n}\n";
        assertTrue(parser.parse(statements).isSuccessful(), "example is neither members nor statements:\n" + example);
        return statements;
    }
}
