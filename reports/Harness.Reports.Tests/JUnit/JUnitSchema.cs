using System.Xml;
using System.Xml.Schema;

namespace Harness.Reports.Tests.JUnit;

/// <summary>Validates documents against the JUnit XSD embedded in this test assembly.</summary>
internal static class JUnitSchema
{
    public static IReadOnlyList<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        using (var xsd = typeof(JUnitSchema).Assembly.GetManifestResourceStream("junit.xsd")
            ?? throw new InvalidOperationException("junit.xsd is not embedded."))
        using (var xsdReader = XmlReader.Create(xsd))
        {
            settings.Schemas.Add(null, xsdReader);
        }

        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} at {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
