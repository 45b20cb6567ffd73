using Microsoft.Extensions.Caching.Distributed;

namespace Swarm.Models.Middleware;

/// <summary>
/// An <see cref="IDistributedCache"/> on plain files, one per request key, so a run's model responses can be kept
/// with its results and replayed offline. Entries hold responses only: requests (and any credentials) are not stored.
/// </summary>
public sealed class FileResponseCache(string directory) : IDistributedCache
{
    public string Directory { get; } = System.IO.Directory.CreateDirectory(directory).FullName;

    public byte[]? Get(string key) => File.Exists(PathFor(key)) ? File.ReadAllBytes(PathFor(key)) : null;

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        File.Exists(PathFor(key)) ? await File.ReadAllBytesAsync(PathFor(key), token) : null;

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => WriteAtomic(key, value);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        WriteAtomic(key, value);
        return Task.CompletedTask;
    }

    public void Refresh(string key) { }
    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => File.Delete(PathFor(key));

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    private string PathFor(string key) => Path.Combine(Directory, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(key)))[..32].ToLowerInvariant() + ".json");

    private void WriteAtomic(string key, byte[] value)
    {
        var path = PathFor(key);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, value);
        File.Move(temp, path, overwrite: true);
    }
}
