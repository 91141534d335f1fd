namespace JwtAuth.Revocation;

/// <summary>
/// What one node has read of the revocation log: the highest id, and every id below it not read
/// yet (a gap), each range with the time it was first seen missing. Not thread-safe: the catch-up
/// runs one round at a time and holds it; <see cref="Watermark"/> may be read from anywhere.
/// </summary>
/// <remarks>
/// Ids are handed out before commit, so a gap is either a transaction still open or one that
/// rolled back (or ids a sequence skipped, or entries pruned before this node read them): nothing
/// here can tell which, only time. The number of ranges is bounded by the entries read in
/// <see cref="RevocationSyncOptions.ReReadWindow"/>, since two gaps are separated by an id read.
/// </remarks>
internal sealed class RevocationLogGaps
{
    private readonly List<Gap> _gaps = [];
    private long _highestRead;
    private long _watermark;

    /// <summary>The highest id read; new entries are read after it.</summary>
    public long HighestRead => _highestRead;

    /// <summary>
    /// Every id up to this one has been read, or its gap has been given up (it is still re-read
    /// until the re-read window closes). Reported for monitoring and tests; reads do not start here.
    /// </summary>
    public long Watermark => Volatile.Read(ref _watermark);

    /// <summary>Number of gap ranges still watched.</summary>
    public int Count => _gaps.Count;

    /// <summary>
    /// Records an entry read from the log. Reading above the highest id opens a gap below it (the
    /// whole log below the first id of a fresh node is one); reading an id inside a gap closes it
    /// there. Returns the gap the id was missing from, if any.
    /// </summary>
    public Gap? Read(long id, DateTimeOffset now)
    {
        if (id <= 0)
        {
            return null;
        }

        if (id > _highestRead)
        {
            if (id > _highestRead + 1)
            {
                _gaps.Add(new Gap(_highestRead + 1, id - 1, now, GivenUp: false));
            }

            _highestRead = id;
            UpdateWatermark();
            return null;
        }

        var index = IndexOf(id);
        if (index < 0)
        {
            return null;
        }

        var gap = _gaps[index];
        if (gap.From == gap.To)
        {
            _gaps.RemoveAt(index);
        }
        else if (id == gap.From)
        {
            _gaps[index] = gap with { From = id + 1 };
        }
        else if (id == gap.To)
        {
            _gaps[index] = gap with { To = id - 1 };
        }
        else
        {
            _gaps[index] = gap with { To = id - 1 };
            _gaps.Insert(index + 1, gap with { From = id + 1 });
        }

        UpdateWatermark();
        return gap;
    }

    /// <summary>Marks the gaps first seen at or before <paramref name="seenBy"/> as given up; returns them.</summary>
    public List<Gap> GiveUp(DateTimeOffset seenBy)
    {
        var givenUp = new List<Gap>();
        for (var i = 0; i < _gaps.Count; i++)
        {
            if (!_gaps[i].GivenUp && _gaps[i].SeenAt <= seenBy)
            {
                _gaps[i] = _gaps[i] with { GivenUp = true };
                givenUp.Add(_gaps[i]);
            }
        }

        UpdateWatermark();
        return givenUp;
    }

    /// <summary>The gaps to re-read, lowest first: those still waited for, and the given-up ones too when asked.</summary>
    public List<Gap> ToReRead(bool includeGivenUp) => _gaps.FindAll(gap => includeGivenUp || !gap.GivenUp);

    /// <summary>
    /// Stops watching given-up gaps first seen at or before <paramref name="seenBy"/>. Called only
    /// after a re-read that began after the window closed, so no commit inside the window is missed.
    /// </summary>
    public List<Gap> Forget(DateTimeOffset seenBy)
    {
        var forgotten = _gaps.FindAll(gap => gap.GivenUp && gap.SeenAt <= seenBy);
        _gaps.RemoveAll(gap => gap.GivenUp && gap.SeenAt <= seenBy);
        return forgotten;
    }

    // The gaps are disjoint and sorted by From: binary search for the one holding id.
    private int IndexOf(long id)
    {
        int low = 0, high = _gaps.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var gap = _gaps[middle];
            if (id < gap.From)
            {
                high = middle - 1;
            }
            else if (id > gap.To)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return -1;
    }

    private void UpdateWatermark()
    {
        var first = _gaps.FindIndex(gap => !gap.GivenUp);
        Volatile.Write(ref _watermark, first < 0 ? _highestRead : _gaps[first].From - 1);
    }

    /// <summary>Ids <paramref name="From"/> to <paramref name="To"/> not read yet, missing since <paramref name="SeenAt"/>.</summary>
    internal readonly record struct Gap(long From, long To, DateTimeOffset SeenAt, bool GivenUp);
}
