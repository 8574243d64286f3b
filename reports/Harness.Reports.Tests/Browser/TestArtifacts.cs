namespace Harness.Reports.Tests.Browser;

/// <summary>Files the browser tests leave behind for people (screenshots, PDFs, the pages they loaded), kept in the
/// test's output folder and attached to the test result so CI shows them.</summary>
internal static class TestArtifacts
{
    public static string Directory(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-artifacts", name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static string Attach(byte[] content, string fileName, string description)
    {
        var path = Path.Combine(Directory("attachments"), fileName);
        File.WriteAllBytes(path, content);
        TestContext.AddTestAttachment(path, description);
        return path;
    }
}
