Console.WriteLine("replicator");
