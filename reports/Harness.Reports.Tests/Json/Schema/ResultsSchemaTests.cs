using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Harness.Reports.Json;
using Harness.Reports.Model;
using Harness.Reports.Tests.Compare;

namespace Harness.Reports.Tests.Json.Schema;

/// <summary>
/// results.json against docs/results-schema.json: what the writer produces validates, the schema and the model
/// declare the same members with the same types, and the validator rejects what the schema forbids.
/// </summary>
public sealed class ResultsSchemaTests
{
    private static readonly JsonSchemaValidator Validator = ResultsSchema.Validator;

    public static IEnumerable<TestCaseData> Runs()
    {
        yield return new TestCaseData(SampleRuns.Failing()).SetArgDisplayNames("failing");
        yield return new TestCaseData(SampleRuns.Partial()).SetArgDisplayNames("partial");
        yield return new TestCaseData(SampleRuns.Bare()).SetArgDisplayNames("bare");
        yield return new TestCaseData(SampleRuns.Bare() with { Preflight = SampleRuns.Preflight() }).SetArgDisplayNames("preflight");
        yield return new TestCaseData(SampleRuns.Bare(Verdict.Error) with { ErrorMessage = "no brokers" }).SetArgDisplayNames("error");
        yield return new TestCaseData(ComparisonRuns.Regressed()).SetArgDisplayNames("regressed");
        yield return new TestCaseData(SampleRuns.Bare() with
        {
            Latency = new LatencySummary { P50Ms = double.NaN, P95Ms = double.PositiveInfinity, P99Ms = double.NegativeInfinity },
            Faults = [new FaultEntry { Id = "f1", Kind = "broker-kill", StartSeconds = double.NaN }],
            TimeSeries = new TimeSeries
            {
                Samples = [new MetricSample { OffsetSeconds = 0, ProduceRate = double.NaN, LagMs = double.PositiveInfinity }],
                Markers = [new FaultMarker { Label = "f1", OffsetSeconds = 0, EndOffsetSeconds = double.NaN }],
            },
        }).SetArgDisplayNames("non-finite");
    }

    [Test]
    public void Schema_uses_only_what_the_validator_implements_and_every_reference_resolves()
    {
        var load = () => new JsonSchemaValidator(ResultsSchema.Root);

        load.Should().NotThrow();
        ResultsSchema.Root.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
    }

    [TestCaseSource(nameof(Runs))]
    public void Written_results_validate_and_declare_nothing_outside_the_schema(RunResult run)
    {
        using var json = JsonDocument.Parse(JsonReportWriter.ToJson(run));

        Validator.Validate(json.RootElement, undeclaredIsError: true).Should().BeEmpty();
    }

    [Test]
    public void Schema_version_pattern_accepts_this_major_only()
    {
        var versions = new[] { RunResult.CurrentSchemaVersion, "1.7", "1.12", "2.0", "1", "1.0.1", "v1.0" };

        var accepted = versions.Where(v => Validator.Validate(Mutate(SampleRuns.Bare(), "schemaVersion", JsonValue.Create(v))).Count == 0);

        accepted.Should().Equal(RunResult.CurrentSchemaVersion, "1.7", "1.12");
    }

    [Test]
    public void Schema_declares_every_member_the_model_writes_as_required_and_nothing_more()
    {
        var problems = new List<string>();

        CompareObject(typeof(RunResult), ResultsSchema.Root, "$", problems);

        problems.Should().BeEmpty("the schema and the model disagree:\n{0}", string.Join("\n", problems));
    }

    [Test]
    public void Schema_allows_members_of_newer_minor_versions_unless_asked_to_be_strict()
    {
        var json = Mutate(SampleRuns.Failing(), "parity/0/somethingNew", JsonValue.Create(1));

        Validator.Validate(json).Should().BeEmpty("a 1.x reader ignores members it does not know");
        Validator.Validate(json, undeclaredIsError: true).Should().Equal("$.parity[0].somethingNew: not declared in the schema");
    }

    [TestCase("verdict", "\"maybe\"", "$.verdict: string \"maybe\" is not one of")]
    [TestCase("runId", null, "$: required member 'runId' is missing")]
    [TestCase("runId", "null", "$.runId: expected string, found null")]
    [TestCase("checks", "null", "$.checks: expected array, found null")]
    [TestCase("parity/0/lost", "-1", "$.parity[0].lost: -1 is less than the minimum 0")]
    [TestCase("parity/1/produced", "1.5", "$.parity[1].produced: expected integer, found number 1.5")]
    [TestCase("startedUtc", "\"yesterday\"", "$.startedUtc: 'yesterday' is not an RFC 3339 date-time")]
    [TestCase("checks/0/passed", "\"yes\"", "$.checks[0].passed: expected boolean, found string \"yes\"")]
    [TestCase("anomalies/0/class", "\"Duplicated\"", "$.anomalies[0].class: string \"Duplicated\" is not one of")]
    [TestCase("latency/p99Ms", "\"slow\"", "$.latency.p99Ms: string \"slow\" matches none of the allowed forms")]
    [TestCase("timeSeries/samples/3/lagMs", "\"NaN-ish\"", "$.timeSeries.samples[3].lagMs: string \"NaN-ish\" matches none")]
    [TestCase("timeSeries/markers/0/faultId", "7", "$.timeSeries.markers[0].faultId: expected string or null, found number 7")]
    [TestCase("environment", "{}", "$.environment: required member 'machineName' is missing")]
    [TestCase("durationSeconds", "\"125\"", "$.durationSeconds: expected number, found string \"125\"")]
    public void Broken_results_are_rejected_with_the_path_of_the_problem(string pointer, string? json, string error)
    {
        var broken = Mutate(SampleRuns.Failing(), pointer, json is null ? null : JsonNode.Parse(json), remove: json is null);

        Validator.Validate(broken).Should().Contain(e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Test]
    public void Documentation_describes_every_member_of_the_schema()
    {
        var names = Members(ResultsSchema.Root).Concat(ResultsSchema.Root.GetProperty("$defs").EnumerateObject().SelectMany(d => Members(d.Value)))
            .Distinct(StringComparer.Ordinal);

        names.Where(name => !ResultsSchema.Documentation.Contains($"`{name}`", StringComparison.Ordinal))
            .Should().BeEmpty("docs/results-schema.md names every member of results.json");
    }

    private static IEnumerable<string> Members(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name) : [];

    private static JsonElement Mutate(RunResult run, string pointer, JsonNode? value, bool remove = false)
    {
        var root = JsonNode.Parse(JsonReportWriter.ToJson(run))!;
        var segments = pointer.Split('/');
        var parent = segments[..^1].Aggregate(root, (node, segment) => int.TryParse(segment, out var i) ? node[i]! : node[segment]!);
        if (remove)
        {
            parent.AsObject().Remove(segments[^1]);
        }
        else
        {
            parent[segments[^1]] = value;
        }

        return JsonDocument.Parse(root.ToJsonString()).RootElement;
    }

    private static void CompareObject(Type type, JsonElement schema, string path, List<string> problems)
    {
        schema = Validator.Resolve(schema);
        var declared = schema.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var required = schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        var members = ReportJson.Options.GetTypeInfo(type).Properties;
        foreach (var member in members)
        {
            var where = $"{path}.{member.Name}";
            if (!declared.TryGetValue(member.Name, out var memberSchema))
            {
                problems.Add($"{where} ({type.Name}) is written but the schema does not declare it");
                continue;
            }

            if (!required.Contains(member.Name))
            {
                problems.Add($"{where} is always written but the schema does not require it");
            }

            CompareMember(member, memberSchema, where, problems);
        }

        var written = members.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(declared.Keys.Where(n => !written.Contains(n)).Select(n => $"{path}.{n} is in the schema but {type.Name} has no such member"));
        problems.AddRange(required.Where(n => !declared.ContainsKey(n)).Select(n => $"{path}.{n} is required but not declared"));
    }

    private static void CompareMember(JsonPropertyInfo member, JsonElement schema, string path, List<string> problems)
    {
        var type = Nullable.GetUnderlyingType(member.PropertyType) ?? member.PropertyType;
        var nullable = member.IsGetNullable || Nullable.GetUnderlyingType(member.PropertyType) is not null;
        var list = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
        HashSet<string> expected = (type, list) switch
        {
            (_, not null) => ["array"],
            _ when type == typeof(string) || type == typeof(DateTimeOffset) || type.IsEnum => ["string"],
            _ when type == typeof(bool) => ["boolean"],
            _ when type == typeof(int) || type == typeof(long) => ["integer"],

            // Doubles may be NaN or infinite, written as strings; the TimeSpan converter writes finite seconds only.
            _ when type == typeof(double) => ["number", "string"],
            _ when type == typeof(TimeSpan) && member.CustomConverter is not null => ["number"],
            _ when type.IsClass => ["object"],
            _ => [$"(no mapping for {type.Name})"],
        };
        if (nullable)
        {
            expected.Add("null");
        }

        var allowed = Kinds(schema);
        if (!allowed.SetEquals(expected))
        {
            problems.Add($"{path}: the model ({member.PropertyType.Name}{(nullable ? ", nullable" : "")}) writes {string.Join("|", expected.Order())}, the schema allows {string.Join("|", allowed.Order())}");
        }

        if (type == typeof(DateTimeOffset) && Validator.Resolve(schema).TryGetProperty("format", out var format) && format.GetString() != "date-time")
        {
            problems.Add($"{path}: a time must have the date-time format");
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName);
            var values = Validator.Resolve(schema).GetProperty("enum").EnumerateArray().Select(v => v.GetString());
            if (!values.SequenceEqual(names))
            {
                problems.Add($"{path}: the schema's values {string.Join(",", values)} are not {type.Name}'s {string.Join(",", names)}");
            }
        }

        if (list is not null && list.IsClass && list != typeof(string))
        {
            CompareObject(list, Validator.Resolve(schema).GetProperty("items"), path + "[]", problems);
        }
        else if (type.IsClass && type != typeof(string) && list is null)
        {
            CompareObject(type, ObjectBranch(schema), path, problems);
        }
    }

    private static JsonElement ObjectBranch(JsonElement schema)
    {
        schema = Validator.Resolve(schema);
        return schema.TryGetProperty("anyOf", out var branches)
            ? branches.EnumerateArray().Select(Validator.Resolve).Single(b => b.TryGetProperty("properties", out _))
            : schema;
    }

    private static HashSet<string> Kinds(JsonElement schema)
    {
        schema = Validator.Resolve(schema);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("type", out var type))
        {
            kinds.UnionWith(type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!) : [type.GetString()!]);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            kinds.UnionWith(values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "null" : v.ValueKind.ToString().ToLowerInvariant()));
        }

        if (schema.TryGetProperty("anyOf", out var branches))
        {
            foreach (var branch in branches.EnumerateArray())
            {
                kinds.UnionWith(Kinds(branch));
            }
        }

        return kinds;
    }
}
