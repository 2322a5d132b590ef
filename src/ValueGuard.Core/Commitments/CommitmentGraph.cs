using Stateless;
using Stateless.Graph;

namespace ValueGuard.Core.Commitments;

/// <summary>
/// The commitment state machine's configuration, shared by every <see cref="Commitment"/>, the table of
/// where each verdict leads, and the graph exported for docs.
/// </summary>
internal static class CommitmentGraph
{
    private static readonly CommitmentState[] Active =
        [CommitmentState.Scheduled, CommitmentState.Compliant, CommitmentState.AtRisk, CommitmentState.Recovered, CommitmentState.Indeterminate];

    private static readonly CommitmentState[] Breach = [CommitmentState.Breached, CommitmentState.Escalated, CommitmentState.Acknowledged];

    /// <summary>The states a waiver can interrupt, to which its expiry returns.</summary>
    private static readonly Stateless.Reflection.DynamicStateInfos WaivedFromStates = BuildWaivedFromStates();

    private static Stateless.Reflection.DynamicStateInfos BuildWaivedFromStates()
    {
        var infos = new Stateless.Reflection.DynamicStateInfos();
        foreach (var state in Active.Concat(Breach)) infos.Add(state, $"waived from {state}");
        return infos;
    }

    /// <summary>Where each trigger leads from each state (ignored triggers lead back to the same state).</summary>
    public static readonly Dictionary<(CommitmentState, CommitmentTrigger), CommitmentState> Destinations = BuildDestinations();

    /// <summary>How bad a state is, for holding a flapping clause in the worse one.</summary>
    public static int Severity(CommitmentState state) => state switch
    {
        CommitmentState.Breached or CommitmentState.Escalated or CommitmentState.Acknowledged => 3,
        CommitmentState.AtRisk => 2,
        CommitmentState.Indeterminate => 1,
        _ => 0,
    };

    /// <summary>The machine's graph in Mermaid, without the triggers a state ignores (they would draw a loop on every state).</summary>
    public static string ToMermaid() => WithoutIgnored(MermaidGraph.Format(Describe().GetInfo()), (state, trigger) => $"{state} --> {state} : {trigger}");

    public static string ToDot() => WithoutIgnored(UmlDotGraph.Format(Describe().GetInfo()), (state, trigger) => $"\"{state}\" -> \"{state}\" [style=\"solid\", label=\"{trigger}\"];");

    private static string WithoutIgnored(string graph, Func<object, object, string> loop)
    {
        var ignored = Describe().GetInfo().States
            .SelectMany(s => s.IgnoredTriggers.Select(t => loop(s.UnderlyingState, t.Trigger.UnderlyingTrigger)))
            .ToHashSet(StringComparer.Ordinal);
        return string.Join('\n', graph.Split('\n').Where(line => !ignored.Contains(line.Trim())));
    }

    private static StateMachine<CommitmentState, CommitmentTrigger> Describe()
    {
        var state = CommitmentState.Scheduled;
        var m = new StateMachine<CommitmentState, CommitmentTrigger>(() => state, s => state = s);
        Configure(m, () => CommitmentState.Compliant);
        return m;
    }

    private static Dictionary<(CommitmentState, CommitmentTrigger), CommitmentState> BuildDestinations()
    {
        var table = new Dictionary<(CommitmentState, CommitmentTrigger), CommitmentState>();
        foreach (var from in Enum.GetValues<CommitmentState>())
        {
            foreach (var trigger in Enum.GetValues<CommitmentTrigger>())
            {
                var state = from;
                var scratch = new StateMachine<CommitmentState, CommitmentTrigger>(() => state, s => state = s);
                Configure(scratch, () => CommitmentState.Compliant);
                if (scratch.CanFire(trigger)) scratch.Fire(trigger);
                table[(from, trigger)] = state;
            }
        }
        return table;
    }

    /// <summary>Configures a machine; <paramref name="waivedFrom"/> names the state a waiver's expiry returns to.</summary>
    public static void Configure(StateMachine<CommitmentState, CommitmentTrigger> m, Func<CommitmentState> waivedFrom)
    {
        foreach (var active in Active)
        {
            var c = m.Configure(active);
            PermitOrIgnore(c, active, CommitmentTrigger.EvaluatedMet, CommitmentState.Compliant);
            PermitOrIgnore(c, active, CommitmentTrigger.EvaluatedAtRisk, CommitmentState.AtRisk);
            PermitOrIgnore(c, active, CommitmentTrigger.EvaluatedIndeterminate, CommitmentState.Indeterminate);
            c.Permit(CommitmentTrigger.EvaluatedBreached, CommitmentState.Breached);
            c.Ignore(CommitmentTrigger.Acknowledge).Ignore(CommitmentTrigger.EscalationDue).Ignore(CommitmentTrigger.WaiverExpired);
            c.Permit(CommitmentTrigger.Waive, CommitmentState.Waived);
            c.Permit(CommitmentTrigger.PeriodEndedMet, CommitmentState.ClosedMet);
            c.Permit(CommitmentTrigger.PeriodEndedMissed, CommitmentState.ClosedMissed);
        }

        // A breach ends only when the data shows the target holds again; losing the data does not end it.
        foreach (var breach in Breach)
        {
            var c = m.Configure(breach)
                .Permit(CommitmentTrigger.EvaluatedMet, CommitmentState.Recovered)
                .Permit(CommitmentTrigger.EvaluatedAtRisk, CommitmentState.Recovered)
                .Ignore(CommitmentTrigger.EvaluatedBreached)
                .Ignore(CommitmentTrigger.EvaluatedIndeterminate)
                .Ignore(CommitmentTrigger.WaiverExpired)
                .Permit(CommitmentTrigger.Waive, CommitmentState.Waived)
                .Permit(CommitmentTrigger.PeriodEndedMet, CommitmentState.ClosedMet)
                .Permit(CommitmentTrigger.PeriodEndedMissed, CommitmentState.ClosedMissed);
            if (breach == CommitmentState.Acknowledged)
                c.Ignore(CommitmentTrigger.Acknowledge).Ignore(CommitmentTrigger.EscalationDue);
            else
                c.Permit(CommitmentTrigger.Acknowledge, CommitmentState.Acknowledged);
        }
        m.Configure(CommitmentState.Breached).Permit(CommitmentTrigger.EscalationDue, CommitmentState.Escalated);
        m.Configure(CommitmentState.Escalated).PermitReentry(CommitmentTrigger.EscalationDue);

        // Verdicts do not move a waived clause; its expiry returns it to where it was, and evaluation goes on from there.
        var waived = m.Configure(CommitmentState.Waived)
            .PermitDynamic(CommitmentTrigger.WaiverExpired, waivedFrom, "the state it was waived from", WaivedFromStates)
            .Permit(CommitmentTrigger.PeriodEndedMet, CommitmentState.ClosedMet)
            .Permit(CommitmentTrigger.PeriodEndedMissed, CommitmentState.ClosedMissed);
        foreach (var trigger in new[] { CommitmentTrigger.EvaluatedMet, CommitmentTrigger.EvaluatedAtRisk, CommitmentTrigger.EvaluatedBreached,
                     CommitmentTrigger.EvaluatedIndeterminate, CommitmentTrigger.EscalationDue, CommitmentTrigger.Acknowledge, CommitmentTrigger.Waive })
            waived.Ignore(trigger);

        foreach (var closed in new[] { CommitmentState.ClosedMet, CommitmentState.ClosedMissed })
        {
            var c = m.Configure(closed);
            foreach (var trigger in Enum.GetValues<CommitmentTrigger>()) c.Ignore(trigger);
        }
    }

    private static void PermitOrIgnore(StateMachine<CommitmentState, CommitmentTrigger>.StateConfiguration c, CommitmentState self, CommitmentTrigger trigger, CommitmentState target)
    {
        if (self == target) c.Ignore(trigger);
        else c.Permit(trigger, target);
    }
}
