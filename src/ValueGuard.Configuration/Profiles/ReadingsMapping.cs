namespace ValueGuard.Configuration.Profiles;

/// <summary>
/// A JSON payload carrying an array of readings (<c>mqtt.readings</c>). Each array item is either one reading
/// (<see cref="Name"/> and <see cref="Value"/> set: the item's name selects the signal whose <c>field</c> equals it)
/// or a batch entry (neither set: signals name field paths inside the item). Each item may carry its own time.
/// </summary>
/// <param name="Array">Dotted path to the array; null when the payload itself is the array.</param>
/// <param name="Name">Path inside an item to the reading's name.</param>
/// <param name="Value">Path inside an item to the reading's value.</param>
/// <param name="Timestamp">Where an item carries its own time; null: the message's timestamp, or the arrival time.</param>
/// <param name="Quality">Path inside an item to a good/bad flag (true, or a number other than 0, is good); a bad reading is rejected.</param>
public sealed record ReadingsMapping(string? Array, string? Name, string? Value, TimestampMapping? Timestamp, string? Quality)
{
    /// <summary>Whether each item is one named reading rather than an object of signal fields.</summary>
    public bool IsNamedReadings => Name is not null;
}
