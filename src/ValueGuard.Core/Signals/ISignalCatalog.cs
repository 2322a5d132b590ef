namespace ValueGuard.Core.Signals;

/// <summary>The signals a site knows, from its devices and their profiles.</summary>
public interface ISignalCatalog
{
    bool TryGet(SignalId id, out SignalSpec spec);

    /// <summary>Every signal of one device.</summary>
    IEnumerable<SignalSpec> SignalsOf(string device);
}
