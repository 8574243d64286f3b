namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Finds the known name a misspelt one was probably meant to be.</summary>
internal static class KeySuggester
{
    /// <summary>The closest candidate within a small edit distance, or <see langword="null"/>.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        // Short names tolerate one slip; longer ones two or three, which still avoids absurd guesses.
        var limit = typed.Length switch
        {
            <= 4 => 1,
            <= 9 => 2,
            _ => 3,
        };
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>A suffix for a message: <c> (did you mean 'x'?)</c>, or nothing.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } guess ? $" (did you mean '{guess}'?)" : string.Empty;
}
