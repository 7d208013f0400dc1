package dev.dbcheck.rules.dynamodb;

import com.github.javaparser.Position;
import dev.dbcheck.entrypoints.EntryPoint;
import dev.dbcheck.entrypoints.Reach;
import dev.dbcheck.finding.Details;
import dev.dbcheck.rules.dynamodb.DynamoDbKeys.Part;
import dev.dbcheck.rules.dynamodb.DynamoDbKeys.Role;
import dev.dbcheck.rules.dynamodb.KeyedRequests.Access;
import dev.dbcheck.rules.dynamodb.KeyedRequests.Request;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The typed fact {@link ConstantPartitionKey} records per constant key part, decided once the project's table keys
 * are known: hot if {@code attribute} is the partition key (certain when {@code partition}), with its constant
 * {@code value}, whether the sort key varies ({@code sortVaries} when the shape says which part is the sort key,
 * else {@code varying}: the other attributes whose values vary), and the end of the value for the finding's range.
 */
record HotKey(String table, String bean, String attribute, boolean partition, String value, String operation,
        Access access, String counter, boolean sortVaries, String varying, int endLine, int endColumn,
        String entryPoint, String route) {

    /** The fact for the constant {@code part} of {@code request}, reached as {@code reach} says. */
    static HotKey of(Request request, Part part, Reach reach) {
        boolean sortVaries = request.parts().stream().anyMatch(p -> p.role() == Role.SORT && p.constant().isEmpty());
        // a key of one attribute is the partition key; otherwise the project says which one it is
        boolean single = request.parts().size() == 1 && request.access() == Access.ITEM && request.bean() == null;
        String varying = request.parts().stream().filter(p -> p != part && p.constant().isEmpty()
                && p.attribute() != null).map(Part::attribute).collect(Collectors.joining(","));
        Position end = part.value().getEnd().orElse(new Position(1, 1));
        return new HotKey(request.table().orElse(null), request.bean(), part.attribute(),
                part.role() == Role.PARTITION || single, part.constant().orElseThrow(), request.operation(),
                request.access(), request.counter().orElse(null), sortVaries, varying, end.line, end.column,
                reach.entryPoint().map(EntryPoint::label).orElse(null), reach.routeText());
    }

    /** The entry point and the route that reach the request, as the finding's evidence and path. */
    Details details() {
        Details d = entryPoint == null ? Details.NONE : Details.NONE.withEvidence("entryPoint", entryPoint);
        return d.withPath(Reach.steps(route));
    }

    /** Whether the constant is {@code key}'s partition key. */
    boolean isPartitionKey(TableKeys.Match key) {
        return partition || key.partition() != null && key.partition().equals(attribute);
    }

    /** Whether the sort key of {@code key} varies per call while the partition key does not. */
    boolean sortKeyVaries(TableKeys.Match key) {
        return sortVaries || key.sort() != null && List.of(varying.split(",")).contains(key.sort());
    }

    /** What the code does, in the words of the finding: table, key attribute, value, and why traffic piles up. */
    String describe(TableKeys.Match key, String citation) {
        String name = bean == null && attribute != null ? attribute : key.partitionAttribute();
        String subject = operation + "()" + (key.table() == null ? "" : " on table \"" + key.table() + "\"");
        String constantKey = "the constant partition key " + (name == null ? "" : "\"" + name + "\" = ") + value;
        String what = access == Access.QUERY
                ? " queries " + constantKey + " on every call: every such query reads the same partition"
                : counter != null
                        ? " is an atomic counter (" + counter + ") on " + constantKey
                                + ": every increment of every caller writes the same item on one partition"
                        : " " + verb() + " items under " + constantKey + " while the sort key"
                                + (key.sortAttribute() == null ? "" : " \"" + key.sortAttribute() + "\"")
                                + " varies per call: " + (access == Access.PUT ? "the collection grows on"
                                        : "every such request goes to") + " one partition";
        String shard = value.startsWith("\"") ? value.substring(0, value.length() - 1) + "#\" + shard"
                : "a shard suffix";
        return subject + what + ", which serves at most 3,000 RCU / 1,000 WCU whatever the table's capacity, so it "
                + "throttles (ProvisionedThroughputExceededException) as traffic grows " + citation
                + ". Use a per-entity partition key, or shard this one (" + shard + ", read across the shards)"
                + (counter != null ? " or count outside DynamoDB." : ".");
    }

    /**
     * The console sentence: the call, the constant key and what it does to the one partition; shorter variants when
     * the key's value or the table name is long.
     */
    String headline(TableKeys.Match key) {
        String table = key.table() == null ? "" : " on \"" + key.table() + "\"";
        String effect = access == Access.QUERY ? "every query reads one partition"
                : counter != null ? "every increment writes one item" : "every call hits one partition";
        String tail = ", which throttles as traffic grows.";
        return dev.dbcheck.rule.Headline.fit(
                operation + "()" + table + " uses the constant partition key " + value + ": " + effect + tail,
                operation + "()" + table + " uses a constant partition key: " + effect + tail,
                operation + "() uses a constant partition key: " + effect + tail);
    }

    private String verb() {
        return access == Access.PUT ? "writes" : operation.startsWith("delete") ? "deletes"
                : operation.startsWith("update") ? "updates" : "reads";
    }
}
