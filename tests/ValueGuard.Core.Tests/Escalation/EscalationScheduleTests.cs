using NodaTime;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Core.Tests.Escalation;

public class EscalationScheduleTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static readonly BusinessHours Weekdays = new(
        new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday },
        new LocalTime(9, 0), new LocalTime(18, 0));

    private static EscalationPolicy Policy(TimeSpan after, TimeSpan? remind = null) => EscalationPolicy.Uniform("p", after, 2) with { RemindEvery = remind };

    private static CommitmentSnapshot BreachedAt(DateTimeOffset at) => new(CommitmentState.Breached, at, 1, 0, at);

    private static DateTimeOffset Local(DateTimeZone zone, int month, int day, int hour, int minute = 0) =>
        zone.AtStrictly(new LocalDateTime(2026, month, day, hour, minute)).ToDateTimeOffset();

    [Fact]
    public void Escalation_delay_counts_only_business_hours_over_a_weekend()
    {
        var schedule = new EscalationSchedule(Policy(TimeSpan.FromHours(4)) with { BusinessHours = Weekdays }, Shanghai);
        var breach = BreachedAt(Local(Shanghai, 3, 13, 16)); // Friday 16:00: 2 business hours left that day

        Assert.False(schedule.EscalationDue(breach, Local(Shanghai, 3, 14, 20))); // Saturday: clock stopped
        Assert.False(schedule.EscalationDue(breach, Local(Shanghai, 3, 16, 10, 59)));
        Assert.True(schedule.EscalationDue(breach, Local(Shanghai, 3, 16, 11)));  // Monday 11:00 = 2 h + 2 h
    }

    [Fact]
    public void Without_business_hours_the_delay_is_wall_clock_time()
    {
        var t0 = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var schedule = EscalationSchedule.Utc(Policy(TimeSpan.FromHours(4)));

        Assert.False(schedule.EscalationDue(BreachedAt(t0), t0.AddHours(4).AddTicks(-1)));
        Assert.True(schedule.EscalationDue(BreachedAt(t0), t0.AddHours(4)));
    }

    [Fact]
    public void An_acknowledged_breach_does_not_escalate_or_remind()
    {
        var t0 = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var schedule = EscalationSchedule.Utc(Policy(TimeSpan.FromHours(4), TimeSpan.FromHours(1)));
        var acknowledged = BreachedAt(t0) with { State = CommitmentState.Acknowledged };

        Assert.False(schedule.EscalationDue(acknowledged, t0.AddDays(1)));
        Assert.Null(schedule.ReminderDue(acknowledged, t0.AddHours(2)));
    }

    [Fact]
    public void Reminders_are_numbered_by_elapsed_intervals_and_give_way_to_a_due_escalation()
    {
        var t0 = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var schedule = EscalationSchedule.Utc(Policy(TimeSpan.FromHours(4), TimeSpan.FromHours(1)));
        var breach = BreachedAt(t0);

        Assert.Null(schedule.ReminderDue(breach, t0.AddMinutes(59)));
        Assert.Equal(1, schedule.ReminderDue(breach, t0.AddHours(1)));
        Assert.Equal(1, schedule.ReminderDue(breach, t0.AddHours(1.5))); // same number: the outbox sends it once
        Assert.Equal(3, schedule.ReminderDue(breach, t0.AddHours(3.5)));
        Assert.Null(schedule.ReminderDue(breach, t0.AddHours(4)));       // the escalation is the message
    }

    [Fact]
    public void Reminders_restart_after_an_escalation()
    {
        var t0 = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var schedule = EscalationSchedule.Utc(Policy(TimeSpan.FromHours(4), TimeSpan.FromHours(1)));
        var escalated = new CommitmentSnapshot(CommitmentState.Escalated, t0.AddHours(4), 1, 1, t0.AddHours(4));

        Assert.Null(schedule.ReminderDue(escalated, t0.AddHours(4.5)));
        Assert.Equal(1, schedule.ReminderDue(escalated, t0.AddHours(5)));
    }

    [Fact]
    public void Quiet_hours_hold_escalations_until_they_end_in_the_contract_zone()
    {
        var schedule = new EscalationSchedule(Policy(TimeSpan.FromHours(4)) with { QuietHours = new(new LocalTime(22, 0), new LocalTime(7, 0)) }, Shanghai);
        var night = Local(Shanghai, 3, 13, 23, 30);

        Assert.Equal(Local(Shanghai, 3, 14, 7), schedule.NotBefore(EscalationActionKind.Escalate, night));
        Assert.Equal(Local(Shanghai, 3, 14, 7), schedule.NotBefore(EscalationActionKind.Remind, Local(Shanghai, 3, 14, 6)));
        Assert.Equal(night, schedule.NotBefore(EscalationActionKind.Open, night));
        Assert.Equal(Local(Shanghai, 3, 14, 12), schedule.NotBefore(EscalationActionKind.Escalate, Local(Shanghai, 3, 14, 12)));
    }

    [Fact]
    public void Quiet_hours_end_at_local_time_across_the_spring_DST_change()
    {
        var quiet = new QuietHours(new LocalTime(22, 0), new LocalTime(7, 0));
        var saturdayNight = new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero); // 23:00 CET

        var end = quiet.EndOf(saturdayNight, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 5, 0, 0, TimeSpan.Zero), end); // 07:00 CEST
    }

    [Fact]
    public void Business_time_between_two_instants_sums_the_open_stretches_of_each_day()
    {
        var from = Local(Shanghai, 3, 12, 17);  // Thursday 17:00
        var to = Local(Shanghai, 3, 16, 10);    // Monday 10:00

        Assert.Equal(TimeSpan.FromHours(1 + 9 + 1), Weekdays.Between(from, to, Shanghai));
    }
}
