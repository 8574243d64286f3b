// Fixtures run two at a time: most integration tests wait on rehearsals (drains, checkpoints, timeouts) rather than
// the CPU, and one at a time the suite outgrew CI's half hour. A fixture whose assertions depend on timing or rates
// (rate shapes, knees, latency and recovery bounds, metric gaps, heap crashes) is [NonParallelizable] and runs alone.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
