using System.Globalization;
using DuckDB.NET.Native;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.SparkJob.Engine;

/// <summary>Turns DuckDB's query progress into SCANNING events, reporting only when it moved.</summary>
internal sealed class ScanProgress(IProgress<EngineProgress> progress, long datasetRows, long datasetBytes)
{
    private double _lastPercent = -1;

    public void Report(DuckDBQueryProgress query)
    {
        // DuckDB reports -1 until it can estimate, then 0..100.
        if (query.Percentage < 0 || query.Percentage <= _lastPercent)
        {
            return;
        }
        _lastPercent = query.Percentage;
        var share = Math.Clamp(query.Percentage / 100.0, 0, 1);
        var scanned = (long)Math.Round(share * datasetRows);
        progress.Report(new EngineProgress(Stage.Scanning, ProgressBudget.EmbeddedScan(share),
            $"Scanned {query.Percentage.ToString("0.#", CultureInfo.InvariantCulture)}% ({scanned.ToString("N0", CultureInfo.InvariantCulture)} of {datasetRows.ToString("N0", CultureInfo.InvariantCulture)} rows)",
            RowsScanned: scanned,
            BytesScanned: (long)Math.Round(share * datasetBytes)));
    }
}
