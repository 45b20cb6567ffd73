namespace Swarm.Scenarios.Studies;

/// <summary>The YAML type of a settable study value, and the CLR type it is held as.</summary>
internal enum SettingKind
{
    /// <summary><see cref="int"/>.</summary>
    Integer,

    /// <summary><see cref="double"/>.</summary>
    Number,

    /// <summary><see cref="bool"/>.</summary>
    Boolean,

    /// <summary><see cref="string"/>.</summary>
    String,

    /// <summary><see cref="DateTimeOffset"/>, UTC.</summary>
    Date,
}
