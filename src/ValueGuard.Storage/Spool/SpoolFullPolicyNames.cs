namespace ValueGuard.Storage.Spool;

/// <summary>The names of <see cref="SpoolFullPolicy"/> values as written in site files and evidence.</summary>
public static class SpoolFullPolicyNames
{
    public static IReadOnlyList<string> All { get; } = ["refuse_new_writes", "reject_newest", "drop_oldest"];

    public static string Name(this SpoolFullPolicy policy) => policy switch
    {
        SpoolFullPolicy.RejectNewest => "reject_newest",
        SpoolFullPolicy.DropOldest => "drop_oldest",
        _ => "refuse_new_writes",
    };

    public static bool TryParse(string? name, out SpoolFullPolicy policy)
    {
        var index = name is null ? -1 : All.ToList().IndexOf(name);
        policy = index < 0 ? SpoolFullPolicy.RefuseNewWrites : (SpoolFullPolicy)index;
        return index >= 0;
    }
}
