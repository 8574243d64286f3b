using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Harness.Reports.Tests.Json.Schema;

/// <summary>
/// Validates JSON against the subset of JSON Schema (2020-12) that docs/results-schema.json uses: type, enum,
/// const, properties, required, additionalProperties, items, anyOf, $ref to local $defs, minimum, pattern and the
/// date-time format. The constructor rejects a schema using anything else, so the schema cannot grow a rule this
/// validator would silently ignore. Errors name the JSON path of the offending value.
/// </summary>
internal sealed partial class JsonSchemaValidator
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$comment", "title", "description", "$defs"];

    private static readonly HashSet<string> Assertions =
    [
        "type", "enum", "const", "properties", "required", "additionalProperties", "items", "anyOf", "$ref", "minimum",
        "pattern", "format",
    ];

    private readonly JsonElement _root;

    public JsonSchemaValidator(JsonElement root)
    {
        _root = root;
        CheckSubset(root, "#");
    }

    /// <summary>
    /// Validates an instance. With <paramref name="undeclaredIsError"/>, a member the schema does not declare is an
    /// error too: the schema allows them for newer 1.x files, but the writer of this version must not produce any.
    /// </summary>
    public IReadOnlyList<string> Validate(JsonElement instance, bool undeclaredIsError = false)
    {
        var errors = new List<string>();
        Validate(_root, instance, "$", undeclaredIsError, errors);
        return errors;
    }

    /// <summary>Follows $ref until a schema with content.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            schema = Lookup(reference.GetString()!);
        }

        return schema;
    }

    private void Validate(JsonElement schema, JsonElement instance, string path, bool strict, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                    Validate(Lookup(value.GetString()!), instance, path, strict, errors);
                    break;
                case "type":
                    var types = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString()!).ToList() : [value.GetString()!];
                    if (!types.Any(t => IsType(instance, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, found {Describe(instance)}");
                    }

                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(allowed => JsonElement.DeepEquals(allowed, instance)))
                    {
                        errors.Add($"{path}: {Describe(instance)} is not one of {value.GetRawText()}");
                    }

                    break;
                case "const":
                    if (!JsonElement.DeepEquals(value, instance))
                    {
                        errors.Add($"{path}: expected {value.GetRawText()}, found {Describe(instance)}");
                    }

                    break;
                case "properties" when instance.ValueKind == JsonValueKind.Object:
                    foreach (var property in value.EnumerateObject())
                    {
                        if (instance.TryGetProperty(property.Name, out var member))
                        {
                            Validate(property.Value, member, $"{path}.{property.Name}", strict, errors);
                        }
                    }

                    break;
                case "required" when instance.ValueKind == JsonValueKind.Object:
                    foreach (var name in value.EnumerateArray().Select(n => n.GetString()!))
                    {
                        if (!instance.TryGetProperty(name, out _))
                        {
                            errors.Add($"{path}: required member '{name}' is missing");
                        }
                    }

                    break;
                case "additionalProperties" when instance.ValueKind == JsonValueKind.Object:
                    foreach (var member in Undeclared(schema, instance))
                    {
                        Validate(value, member.Value, $"{path}.{member.Name}", strict, errors);
                    }

                    break;
                case "items" when instance.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in instance.EnumerateArray())
                    {
                        Validate(value, item, $"{path}[{index++}]", strict, errors);
                    }

                    break;
                case "anyOf":
                    var branches = value.EnumerateArray().Select(branch =>
                    {
                        var branchErrors = new List<string>();
                        Validate(branch, instance, path, strict, branchErrors);
                        return branchErrors;
                    }).ToList();
                    if (branches.All(b => b.Count > 0))
                    {
                        // When only one form has the right shape (an object where the other form is null), its own
                        // errors say more than "matches none".
                        var shaped = branches.Where(b => !b.Any(e => e.StartsWith(path + ": ", StringComparison.Ordinal))).ToList();
                        if (shaped.Count == 1)
                        {
                            errors.AddRange(shaped[0]);
                        }
                        else
                        {
                            errors.Add($"{path}: {Describe(instance)} matches none of the allowed forms ({string.Join("; ", branches.SelectMany(b => b))})");
                        }
                    }

                    break;
                case "minimum" when instance.ValueKind == JsonValueKind.Number:
                    if (instance.GetDouble() < value.GetDouble())
                    {
                        errors.Add($"{path}: {instance.GetRawText()} is less than the minimum {value.GetRawText()}");
                    }

                    break;
                case "pattern" when instance.ValueKind == JsonValueKind.String:
                    if (!Regex.IsMatch(instance.GetString()!, value.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add($"{path}: '{instance.GetString()}' does not match {value.GetString()}");
                    }

                    break;
                case "format" when instance.ValueKind == JsonValueKind.String:
                    if (!IsDateTime(instance.GetString()!))
                    {
                        errors.Add($"{path}: '{instance.GetString()}' is not an RFC 3339 date-time");
                    }

                    break;
                default:
                    break;
            }
        }

        if (strict && instance.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _))
        {
            errors.AddRange(Undeclared(schema, instance).Select(m => $"{path}.{m.Name}: not declared in the schema"));
        }
    }

    private static IEnumerable<JsonProperty> Undeclared(JsonElement schema, JsonElement instance)
    {
        var declared = schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        return instance.EnumerateObject().Where(m => !declared.Contains(m.Name));
    }

    private JsonElement Lookup(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local references are supported: {reference}");
        }

        var node = _root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                throw new InvalidOperationException($"The schema reference {reference} does not resolve.");
            }
        }

        return node;
    }

    private void CheckSubset(JsonElement schema, string location)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException($"{location}: a schema must be an object or a boolean.");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var where = $"{location}/{keyword.Name}";
            if (!Annotations.Contains(keyword.Name) && !Assertions.Contains(keyword.Name))
            {
                throw new NotSupportedException($"{where}: the keyword '{keyword.Name}' is outside the subset this validator implements.");
            }

            switch (keyword.Name)
            {
                case "$defs" or "properties":
                    foreach (var child in keyword.Value.EnumerateObject())
                    {
                        CheckSubset(child.Value, $"{where}/{child.Name}");
                    }

                    break;
                case "items" or "additionalProperties":
                    CheckSubset(keyword.Value, where);
                    break;
                case "anyOf":
                    var i = 0;
                    foreach (var branch in keyword.Value.EnumerateArray())
                    {
                        CheckSubset(branch, $"{where}/{i++}");
                    }

                    break;
                case "$ref":
                    Lookup(keyword.Value.GetString()!);
                    break;
                case "format" when keyword.Value.GetString() != "date-time":
                    throw new NotSupportedException($"{where}: only the date-time format is implemented.");
                case "type":
                    var types = keyword.Value.ValueKind == JsonValueKind.Array ? keyword.Value.EnumerateArray().Select(t => t.GetString()) : [keyword.Value.GetString()];
                    foreach (var type in types)
                    {
                        if (type is not ("string" or "number" or "integer" or "boolean" or "null" or "array" or "object"))
                        {
                            throw new NotSupportedException($"{where}: unknown type '{type}'.");
                        }
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static bool IsType(JsonElement instance, string type) => type switch
    {
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && double.IsInteger(instance.GetDouble()),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "object" => instance.ValueKind == JsonValueKind.Object,
        _ => false,
    };

    private static bool IsDateTime(string text) =>
        Rfc3339().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.String => $"string \"{instance.GetString()}\"",
        JsonValueKind.Number => $"number {instance.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {instance.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
