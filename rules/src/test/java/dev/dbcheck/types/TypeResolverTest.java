package dev.dbcheck.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.dbcheck.engine.LanguageLevels;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypeResolverTest {

    private static final String DDB = "software.amazon.awssdk.services.dynamodb.DynamoDbClient";

    /** The declared type of the receiver of the call marked {@code mark()} in the source. */
    private static Optional<String> receiverOfMarked(String source, Set<String> projectTypes) {
        CompilationUnit cu = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevels.newest()))
                .parse(source).getResult().orElseThrow();
        TypeResolver types = new TypeResolver(cu, new ProjectTypes(projectTypes), LibraryTypes.get());
        MethodCallExpr marked = cu.findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("mark"))
                .orElseThrow();
        return types.typeOf(marked.getScope().orElseThrow());
    }

    private static Optional<String> receiverOfMarked(String source) {
        return receiverOfMarked(source, Set.of());
    }

    @Test
    void singleTypeImportOfAField() {
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { DynamoDbClient c; void f() { c.mark(); } }
                """));
    }

    @Test
    void localShadowsFieldAndParameterShadowsField() {
        assertEquals(Optional.of("java.util.Scanner"), receiverOfMarked("""
                import java.util.Scanner;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { DynamoDbClient c; void f() { Scanner c = null; c.mark(); } }
                """));
        assertEquals(Optional.of("java.lang.String"), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { DynamoDbClient c; void f(String c) { c.mark(); } }
                """));
    }

    @Test
    void aLocalDeclaredAfterTheUseDoesNotCount() {
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import java.util.Scanner;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { DynamoDbClient c; void f() { c.mark(); Scanner c = null; } }
                """));
    }

    @Test
    void varFollowsBuilderChainsAndStaticFactories() {
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { void f() { var c = DynamoDbClient.builder().region(null).build(); c.mark(); } }
                """));
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { void f() { var c = DynamoDbClient.create(); c.mark(); } }
                """));
    }

    @Test
    void samePackageProjectTypeWinsOverOnDemandImport() {
        assertEquals(Optional.of("com.acme.Table"), receiverOfMarked("""
                package com.acme;
                import com.amazonaws.services.dynamodbv2.document.*;
                class A { Table t; void f() { t.mark(); } }
                """, Set.of("com.acme.Table")));
        assertEquals(Optional.of("com.amazonaws.services.dynamodbv2.document.Table"), receiverOfMarked("""
                package com.acme;
                import com.amazonaws.services.dynamodbv2.document.*;
                class A { Table t; void f() { t.mark(); } }
                """));
    }

    @Test
    void unknownNamesStayUnknown() {
        assertEquals(Optional.empty(), receiverOfMarked("""
                import org.unknown.*;
                class A { Table t; void f() { t.mark(); } }
                """));
        assertEquals(Optional.empty(), receiverOfMarked("""
                class A { void f(java.util.List<Object> xs) { xs.forEach(x -> x.mark()); } }
                """));
    }

    @Test
    void castsParenthesesTernariesAndPatternVariables() {
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { void f(Object o) { ((DynamoDbClient) o).mark(); } }
                """));
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { void f(Object o) { if (o instanceof DynamoDbClient d) { d.mark(); } } }
                """));
    }

    @Test
    void methodsOfTheSameFileAndTheirReturnTypes() {
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { DynamoDbClient client() { return null; } void f() { client().mark(); } }
                """));
    }

    @Test
    void recordComponentsLambdaTypedParametersCatchAndResources() {
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                record A(DynamoDbClient c) { void f() { c.mark(); } }
                """));
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import java.util.function.Consumer;
                class A { Consumer<DynamoDbClient> k = (DynamoDbClient c) -> c.mark(); }
                """));
        assertEquals(Optional.of("java.lang.IllegalStateException"), receiverOfMarked("""
                class A { void f() { try { } catch (IllegalStateException e) { e.mark(); } } }
                """));
        assertEquals(Optional.of(DDB), receiverOfMarked("""
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                class A { void f() { try (DynamoDbClient c = DynamoDbClient.create()) { c.mark(); } } }
                """));
    }

    @Test
    void subtypesComeFromTheTables() {
        LibraryTypes t = LibraryTypes.get();
        assertEquals(true, t.isSubtype("com.amazonaws.services.dynamodbv2.AmazonDynamoDBAsyncClient",
                "com.amazonaws.services.dynamodbv2.AmazonDynamoDB"));
        assertEquals(true, t.isSubtype(
                "software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException",
                "software.amazon.awssdk.core.exception.SdkException"));
        assertEquals(false, t.isSubtype("java.util.Scanner", "com.amazonaws.services.dynamodbv2.AmazonDynamoDB"));
    }
}
