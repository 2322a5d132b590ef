namespace ValueGuard.Gateway.Evaluation;

/// <summary>The body of a "flapping" evidence record: a clause started flapping (held in <see cref="HeldIn"/>) or became stable.</summary>
public sealed record FlappingEvidence(string Contract, string Clause, bool Flapping, string HeldIn, int Changes, int MaxChanges, TimeSpan Within, DateTimeOffset? Since);
