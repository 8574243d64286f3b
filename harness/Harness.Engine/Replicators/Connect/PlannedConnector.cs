namespace Harness.Engine.Replicators.Connect;

/// <summary>One connector the harness submits to Connect for a run.</summary>
/// <param name="Role">What it does (see <see cref="Scenarios.ConnectorRoles"/>).</param>
/// <param name="Name">Its name on the Connect cluster.</param>
/// <param name="Class">Its <c>connector.class</c>.</param>
/// <param name="TasksMax">Its <c>tasks.max</c>.</param>
/// <param name="Topics">The source topics a source connector copies; empty for the others.</param>
/// <param name="Config">The config submitted, <c>name</c> and <c>connector.class</c> included.</param>
public sealed record PlannedConnector(string Role, string Name, string Class, int TasksMax, IReadOnlyList<string> Topics, IReadOnlyDictionary<string, string> Config);
