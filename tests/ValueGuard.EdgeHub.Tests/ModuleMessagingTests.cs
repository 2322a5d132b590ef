using System.Text;
using System.Text.Json.Nodes;
using ValueGuard.EdgeHub.Client;
using ValueGuard.EdgeHub.Methods;
using ValueGuard.EdgeHub.Tests.StandIns;
using ValueGuard.Testing;

namespace ValueGuard.EdgeHub.Tests;

/// <summary>Outputs, inputs, the module twin and direct methods against the stand-in edgeHub.</summary>
public sealed class ModuleMessagingTests
{
    [Fact]
    public async Task Output_message_carries_the_output_name_message_id_and_json_content_type()
    {
        await using var rig = await ModuleRig.StartAsync();
        var client = await rig.CreateClientAsync();
        await client.StartAsync(CancellationToken.None);

        await client.SendOutputAsync("alerts", new OutputMessage("{\"clause\":\"x\"}"u8.ToArray())
        {
            MessageId = "m-1",
            Properties = new Dictionary<string, string> { ["severity"] = "high" },
        }, CancellationToken.None);

        var (output, properties, body) = Assert.Single(rig.EdgeHub.Outputs);
        Assert.Equal("alerts", output);
        Assert.Equal("m-1", properties["$.mid"]);
        Assert.Equal("application/json", properties["$.ct"]);
        Assert.Equal("utf-8", properties["$.ce"]);
        Assert.Equal("high", properties["severity"]);
        Assert.Equal("{\"clause\":\"x\"}", body);
    }

    [Fact]
    public async Task Output_over_the_size_limit_is_refused_before_sending()
    {
        await using var rig = await ModuleRig.StartAsync();
        var client = await rig.CreateClientAsync();
        await client.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendOutputAsync("alerts", new OutputMessage(new byte[250 * 1024]), CancellationToken.None));
        Assert.Empty(rig.EdgeHub.Outputs);
    }

    [Fact]
    public async Task Input_message_is_acknowledged_only_after_its_handler_returned()
    {
        await using var rig = await ModuleRig.StartAsync();
        var client = await rig.CreateClientAsync();
        var handling = new TaskCompletionSource<InputMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.InputReceived = async (message, ct) =>
        {
            handling.TrySetResult(message);
            await release.Task.WaitAsync(ct);
        };
        await client.StartAsync(CancellationToken.None);

        await rig.EdgeHub.SendInputAsync("samples", "{\"v\":1}", [new("kind", "press")]);
        var received = await handling.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        var ackedWhileHandling = rig.EdgeHub.AcknowledgedTopics.Any(t => t.Contains("/inputs/", StringComparison.Ordinal));
        release.SetResult();

        Assert.False(ackedWhileHandling);
        await Eventually.WaitFor(() => rig.EdgeHub.AcknowledgedTopics.Any(t => t.Contains("/inputs/samples/", StringComparison.Ordinal)), "the PUBACK after handling");
        Assert.Equal("samples", received.InputName);
        Assert.Equal("press", received.Properties["kind"]);
        Assert.Equal("sender", received.Properties["$.cmid"]);
        Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString(received.Body.Span));
    }

    [Fact]
    public async Task Reported_properties_are_merged_into_the_twin_and_read_back()
    {
        await using var rig = await ModuleRig.StartAsync();
        var client = await rig.CreateClientAsync();
        await client.StartAsync(CancellationToken.None);

        await client.UpdateReportedAsync(new JsonObject { ["status"] = new JsonObject { ["clauses"] = 2, ["old"] = 1 } }, CancellationToken.None);
        await client.UpdateReportedAsync(new JsonObject { ["status"] = new JsonObject { ["old"] = null } }, CancellationToken.None);
        var twin = await client.GetTwinAsync(CancellationToken.None);

        Assert.Equal(2, (int)twin.Reported["status"]!["clauses"]!);
        Assert.False(twin.Reported["status"]!.AsObject().ContainsKey("old"));
    }

    [Fact]
    public async Task Desired_patch_arrives_with_its_version()
    {
        await using var rig = await ModuleRig.StartAsync();
        var client = await rig.CreateClientAsync();
        var patches = new System.Collections.Concurrent.ConcurrentQueue<Twin.DesiredPropertiesUpdate>();
        client.DesiredPropertiesChanged = (update, _) =>
        {
            patches.Enqueue(update);
            return Task.CompletedTask;
        };
        await client.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => patches.Count == 1, "the whole twin at connect");

        await rig.EdgeHub.PatchDesiredAsync(new JsonObject { ["evaluateEvery"] = "5m" });

        await Eventually.WaitFor(() => patches.Count == 2, "the patch");
        var patch = patches.Last();
        Assert.False(patch.IsComplete);
        Assert.Equal(2, patch.Version);
        Assert.Equal("5m", (string?)patch.Properties["evaluateEvery"]);
    }

    [Fact]
    public async Task Direct_method_answer_goes_back_with_its_status_and_request_id()
    {
        await using var rig = await ModuleRig.StartAsync();
        var client = await rig.CreateClientAsync();
        client.MethodCalled = (request, _) => Task.FromResult(request.Name == "ping"
            ? MethodResponse.Ok(new JsonObject { ["echo"] = Encoding.UTF8.GetString(request.Payload.Span) })
            : MethodResponse.Error(404, "no such method"));
        await client.StartAsync(CancellationToken.None);

        var (status, body) = await rig.EdgeHub.InvokeMethodAsync("ping", "{\"n\":1}", TimeSpan.FromSeconds(10));
        var (missingStatus, _) = await rig.EdgeHub.InvokeMethodAsync("nope", null, TimeSpan.FromSeconds(10));

        Assert.Equal(200, status);
        Assert.Equal("{\"n\":1}", (string?)JsonNode.Parse(body)!["echo"]);
        Assert.Equal(404, missingStatus);
    }
}
