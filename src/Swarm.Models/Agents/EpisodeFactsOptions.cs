using Microsoft.Extensions.AI;
using Swarm.Abstractions.Episodes;

namespace Swarm.Models.Agents;

/// <summary>How an episode's facts ride with a request: <see cref="ChatOptions.AdditionalProperties"/> under <see cref="EpisodeProperties.Facts"/>.</summary>
public static class EpisodeFactsOptions
{
    /// <summary>Sets the facts on <paramref name="options"/> and returns it.</summary>
    public static ChatOptions WithFacts(this ChatOptions options, EpisodeFacts facts)
    {
        (options.AdditionalProperties ??= [])[EpisodeProperties.Facts] = facts;
        return options;
    }

    /// <summary>The facts a request carries, or null.</summary>
    public static EpisodeFacts? FactsOf(ChatOptions? options) =>
        options?.AdditionalProperties?.GetValueOrDefault(EpisodeProperties.Facts) as EpisodeFacts;

    /// <summary>True when <paramref name="model"/>, or a client beneath it, acts on facts (<see cref="IEpisodeFactsReader"/>).</summary>
    public static bool ReadsFacts(this IChatClient model) => model.GetService<IEpisodeFactsReader>() is not null;
}
