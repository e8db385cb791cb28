namespace Bench.Reporting.Thresholds;

/// <summary>How a measured value must compare with the limit for the threshold to pass.</summary>
public enum ThresholdOperator
{
    /// <summary>&lt;</summary>
    Less,

    /// <summary>&lt;=</summary>
    LessOrEqual,

    /// <summary>&gt;</summary>
    Greater,

    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}
