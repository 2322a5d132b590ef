using System.Diagnostics;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>
/// The libmodbus slave of libmodbus-slave.c, compiled with gcc into a temp folder and run on one end of a pty pair.
/// Needs gcc and libmodbus-dev.
/// </summary>
internal sealed class LibmodbusSlave : IDisposable
{
    private readonly Process process;

    private LibmodbusSlave(Process process) => this.process = process;

    public static async Task<LibmodbusSlave> StartAsync(string directory, string device, byte slave)
    {
        var gcc = ExternalTool.Require("gcc", "gcc");
        if (!File.Exists("/usr/include/modbus/modbus.h"))
            throw new InvalidOperationException("libmodbus headers are needed for the libmodbus slave test: run ./test.sh (it installs them) or apt-get install libmodbus-dev.");
        var source = Path.Combine(AppContext.BaseDirectory, "Pty", "libmodbus-slave.c");
        var binary = Path.Combine(directory, "libmodbus-slave");
        var (exit, output) = await ToolRun.RunAsync(gcc, ["-O1", "-Wall", "-Werror", "-I/usr/include/modbus", source, "-o", binary, "-lmodbus"], TimeSpan.FromSeconds(60));
        if (exit != 0) throw new InvalidOperationException($"gcc could not build the libmodbus slave: {output}");
        var process = Process.Start(new ProcessStartInfo(binary, [device, slave.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var started = new LibmodbusSlave(process);
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (ready != "ready") throw new InvalidOperationException($"libmodbus slave did not start: {ready} {await process.StandardError.ReadToEndAsync()}");
        }
        catch
        {
            started.Dispose();
            throw;
        }
        return started;
    }

    public void Dispose()
    {
        ToolRun.Stop(process);
    }
}
