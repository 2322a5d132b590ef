namespace ValueGuard.Core.Signals;

/// <summary>A fixed set of signal specifications.</summary>
public sealed class SignalCatalog : ISignalCatalog
{
    private readonly Dictionary<SignalId, SignalSpec> specs;

    public SignalCatalog(IEnumerable<SignalSpec> specs)
    {
        this.specs = specs.ToDictionary(s => s.Id);
    }

    public IReadOnlyCollection<SignalSpec> All => specs.Values;

    public bool TryGet(SignalId id, out SignalSpec spec) => specs.TryGetValue(id, out spec!);

    public IEnumerable<SignalSpec> SignalsOf(string device) => specs.Values.Where(s => s.Id.Device == device).OrderBy(s => s.Id);
}
