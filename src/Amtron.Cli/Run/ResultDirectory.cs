using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Amtron.Cli.Run;

/// <summary>
/// Where `amtron run` puts its results without losing anything it did not write. Results go into a fresh staging
/// directory inside the output directory and are moved into place only when the run has succeeded; a manifest lists
/// the files the last run wrote with their size and time, so the next run replaces exactly those, unchanged, and never
/// a file of the user's (nor one of ours the user has since written over). One run at a time per directory (an
/// exclusive lock file).
/// </summary>
internal sealed class ResultDirectory : IDisposable
{
    /// <summary>The files the last successful run wrote, one per line: name, size in bytes and write time (UTC ticks), tab-separated.</summary>
    public const string ManifestName = ".amtron-results";

    private const string LockName = ".amtron-run.lock";
    private const string StagingPrefix = ".amtron-partial-";

    private readonly string _directory;
    private readonly string _display;
    private readonly bool _created;
    private readonly FileStream _lock;
    private readonly bool _lockCreated;
    private bool _committed;

    private ResultDirectory(string directory, string display, bool created, FileStream lockFile, bool lockCreated, string staging)
    {
        _directory = directory;
        _display = display;
        _created = created;
        _lock = lockFile;
        _lockCreated = lockCreated;
        Staging = staging;
    }

    /// <summary>The fresh, empty directory to write the results into.</summary>
    public string Staging { get; }

    /// <summary>
    /// Opens (creating if needed) and locks the output directory; a one-line error when it cannot be used, or when a
    /// file named like one of <paramref name="expected"/> is there that no earlier run wrote (found before any work).
    /// </summary>
    public static ResultDirectory Open(string directory, IEnumerable<string> expected)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ResultDirectoryException("--out: the directory name is empty");
        }

        var full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new ResultDirectoryException($"{directory}: is a file, not a directory");
        }

        var created = !Directory.Exists(full);
        var lockPath = Path.Combine(full, LockName);
        var lockCreated = !File.Exists(lockPath);
        FileStream? lockFile = null;
        try
        {
            Directory.CreateDirectory(full);
            lockFile = Lock(lockPath, directory);
            RefuseForeign(full, directory, ReadManifest(full), expected);
            RemoveAbandonedStaging(full, expected);
            var staging = Path.Combine(full, StagingPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
            Directory.CreateDirectory(staging);
            return new ResultDirectory(full, directory, created, lockFile, lockCreated, staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ResultDirectoryException)
        {
            if (lockFile is not null && lockCreated)
            {
                File.Delete(lockPath);
            }

            lockFile?.Dispose();
            RemoveIfCreatedAndEmpty(full, created);
            throw e as ResultDirectoryException ?? new ResultDirectoryException($"{directory}: cannot write results there: {e.Message}");
        }
    }

    /// <summary>
    /// Moves the staged results into place, replacing the files of the previous run (by its manifest) and no others.
    /// A file of the same name that an earlier run did not write is an error, and then nothing is moved.
    /// </summary>
    public void Commit()
    {
        var previous = ReadManifest(_directory);
        var results = Directory.GetFiles(Staging).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        RefuseForeign(_directory, _display, previous, results);

        foreach (var (stale, written) in previous.Where(file => !results.Contains(file.Key, StringComparer.Ordinal)))
        {
            // A file of an earlier run that this one does not write; one the user has written over since is theirs now.
            var path = Path.Combine(_directory, stale);
            if (File.Exists(path) && Unchanged(path, written))
            {
                File.Delete(path);
            }
        }

        var manifest = new StringBuilder();
        foreach (var name in results)
        {
            var path = Path.Combine(_directory, name);
            File.Move(Path.Combine(Staging, name), path, overwrite: true);
            var file = new FileInfo(path);
            manifest.Append(CultureInfo.InvariantCulture, $"{name}\t{file.Length}\t{file.LastWriteTimeUtc.Ticks}\n");
        }

        var staged = Path.Combine(Staging, ManifestName);
        File.WriteAllText(staged, manifest.ToString(), new UTF8Encoding(false));
        File.Move(staged, Path.Combine(_directory, ManifestName), overwrite: true);
        _committed = true;
    }

    /// <summary>
    /// Removes the staging directory (ours); after a failed run also the lock file and the output directory if this run
    /// created them. After a successful run the lock file stays: deleting it could let two later runs lock two
    /// different files.
    /// </summary>
    public void Dispose()
    {
        if (Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }

        if (!_committed && _lockCreated)
        {
            File.Delete(Path.Combine(_directory, LockName));
            RemoveIfCreatedAndEmpty(_directory, _created);
        }

        _lock.Dispose();
    }

    private static FileStream Lock(string path, string directory)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (HeldByAnother(e))
        {
            throw new ResultDirectoryException($"{directory}: another amtron run is writing its results there");
        }
    }

    /// <summary>The lock is taken (EWOULDBLOCK from flock on Unix, a sharing violation on Windows), not another failure such as a read-only file system.</summary>
    private static bool HeldByAnother(IOException e) => e.GetType() == typeof(IOException) && (e.HResult == 11 || (e.HResult & 0xFFFF) == 32);

    private static void RefuseForeign(string directory, string display, Dictionary<string, Written?> ours, IEnumerable<string> names)
    {
        var foreign = names
            .Where(name => Path.Exists(Path.Combine(directory, name)) && !(ours.TryGetValue(name, out var written) && Unchanged(Path.Combine(directory, name), written)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (foreign.Length > 0)
        {
            var one = foreign.Length == 1;
            throw new ResultDirectoryException(
                $"{display}: {string.Join(", ", foreign)} {(one ? "exists" : "exist")} but {(one ? "was" : "were")} not written by amtron, or changed since; move {(one ? "it" : "them")} away or choose another --out");
        }
    }

    /// <summary>Whether the file is as an earlier run wrote it (same size and write time); a manifest line without them (older runs) counts as unchanged.</summary>
    private static bool Unchanged(string path, Written? written)
    {
        if (written is null)
        {
            return true;
        }

        var file = new FileInfo(path);
        return file.Exists && file.Length == written.Size && file.LastWriteTimeUtc.Ticks == written.Ticks;
    }

    /// <summary>
    /// Removes staging directories a stopped process left (a second Ctrl+C ends it at once): ours by their name, and
    /// only when they hold nothing but result files.
    /// </summary>
    private static void RemoveAbandonedStaging(string directory, IEnumerable<string> expected)
    {
        var results = expected.Append(ManifestName).ToHashSet(StringComparer.Ordinal);
        foreach (var staging in Directory.GetDirectories(directory, StagingPrefix + "*"))
        {
            if (Directory.EnumerateFileSystemEntries(staging).All(entry => File.Exists(entry) && results.Contains(Path.GetFileName(entry))))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void RemoveIfCreatedAndEmpty(string directory, bool created)
    {
        if (created && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    /// <summary>The previous run's files: plain names only (a manifest edited to reach outside the directory is ignored).</summary>
    private static Dictionary<string, Written?> ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestName);
        var files = new Dictionary<string, Written?>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return files;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split('\t');
            var name = parts[0];
            if (name.Length == 0 || name != Path.GetFileName(name) || name is "." or ".." || name.StartsWith(StagingPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            files[name] = parts.Length == 3
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? new Written(size, ticks)
                : null;
        }

        return files;
    }

    /// <summary>A result file as written: its size and write time.</summary>
    private sealed record Written(long Size, long Ticks);
}

/// <summary>An output directory that cannot be used; the message is one line for the user.</summary>
internal sealed class ResultDirectoryException(string message) : Exception(message);
