// Every test owns its clusters, ports and directories, and most of a test's time is spent waiting on intervals
// (checkpoints, commits, fetches), so tests run side by side.
[assembly: Parallelizable(ParallelScope.All)]
[assembly: LevelOfParallelism(4)]
