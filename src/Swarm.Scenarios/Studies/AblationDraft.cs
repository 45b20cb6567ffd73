using Swarm.Scenarios.Loading;
using YamlDotNet.RepresentationModel;

namespace Swarm.Scenarios.Studies;

/// <summary>An ablation as written, kept until the base study is built: its <c>set</c> keys can only be checked against it.</summary>
/// <param name="Field">The ablation's list item, where problems of the resulting study are reported.</param>
/// <param name="Set">The <c>set</c> mapping, or null when it was missing, empty or not a mapping (already reported).</param>
internal sealed record AblationDraft(Field Field, string Name, YamlMappingNode? Set, string SetPath);
