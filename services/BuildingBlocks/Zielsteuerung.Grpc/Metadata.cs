using System.Collections;
using System.Text;

namespace Zielsteuerung.Grpc;

/// <summary>
/// gRPC metadata: an ordered list of key/value entries sent as HTTP/2 headers or trailers. Keys are
/// lower-case (normalized on add); keys ending in "-bin" carry binary values (base64 on the wire), all
/// others printable-ASCII values (PROTOCOL-HTTP2.md, Custom-Metadata).
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>An empty, read-only instance.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    public Metadata Freeze()
    {
        _readOnly = true;
        return this;
    }

    public int Count => _entries.Count;
    public bool IsReadOnly => _readOnly;

    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            ThrowIfReadOnly();
            ArgumentNullException.ThrowIfNull(value);
            _entries[index] = value;
        }
    }

    public void Add(string key, string value) => Add(new Entry(key, value));

    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ThrowIfReadOnly();
        _entries.Add(item);
    }

    /// <summary>The last entry with the key, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].KeyEquals(key))
            {
                return _entries[i];
            }
        }
        return null;
    }

    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.KeyEquals(key))
            {
                yield return entry;
            }
        }
    }

    /// <summary>The value of the last ASCII entry with the key, or null.</summary>
    public string? GetValue(string key)
    {
        var entry = Get(key);
        if (entry is { IsBinary: true })
        {
            throw new InvalidOperationException($"Entry '{key}' is binary; use GetValueBytes.");
        }
        return entry?.Value;
    }

    /// <summary>The value of the last binary entry with the key, or null.</summary>
    public byte[]? GetValueBytes(string key)
    {
        var entry = Get(key);
        if (entry is { IsBinary: false })
        {
            throw new InvalidOperationException($"Entry '{key}' is not binary; use GetValue.");
        }
        return entry?.ValueBytes;
    }

    public void Clear()
    {
        ThrowIfReadOnly();
        _entries.Clear();
    }

    public bool Contains(Entry item) => _entries.Contains(item);
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);
    public int IndexOf(Entry item) => _entries.IndexOf(item);

    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ThrowIfReadOnly();
        _entries.Insert(index, item);
    }

    public bool Remove(Entry item)
    {
        ThrowIfReadOnly();
        return _entries.Remove(item);
    }

    public void RemoveAt(int index)
    {
        ThrowIfReadOnly();
        _entries.RemoveAt(index);
    }

    public List<Entry>.Enumerator GetEnumerator() => _entries.GetEnumerator();
    IEnumerator<Entry> IEnumerable<Entry>.GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("Metadata is read-only.");
        }
    }

    internal static bool IsBinaryKey(string key) =>
        key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>One metadata entry.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' ends with \"-bin\" and needs a binary (byte[]) value.", nameof(key));
            }
            foreach (var c in value)
            {
                // ASCII-Value = 1*( %x20-%x7E )
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Value of '{Key}' must be printable ASCII (use a \"-bin\" key for other data).", nameof(value));
                }
            }
            _value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' has a binary value and must end with \"-bin\".", nameof(key));
            }
            _valueBytes = valueBytes;
        }

        // Trusted constructor for entries read off the wire.
        private Entry(string key, string? value, byte[]? valueBytes)
        {
            Key = key;
            _value = value;
            _valueBytes = valueBytes;
        }

        internal static Entry CreateUnchecked(string key, string value) => new(key, value, null);
        internal static Entry CreateUnchecked(string key, byte[] valueBytes) => new(key, null, valueBytes);

        public string Key { get; }
        public bool IsBinary => _valueBytes is not null;

        /// <summary>The ASCII value; throws for binary entries.</summary>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary; use ValueBytes.");

        /// <summary>The binary value (a copy of the ASCII value's bytes for ASCII entries).</summary>
        public byte[] ValueBytes => _valueBytes ?? Encoding.ASCII.GetBytes(_value!);

        internal byte[]? RawBytes => _valueBytes;

        internal bool KeyEquals(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => IsBinary
            ? $"[Entry: key={Key}, valueBytes={_valueBytes!.Length} bytes]"
            : $"[Entry: key={Key}, value={_value}]";

        // Header-Name → 1*( %x30-39 / %x61-7A / "_" / "-" / ".") ; upper case is folded to lower case.
        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var needsLower = false;
            foreach (var c in key)
            {
                if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.')
                {
                    continue;
                }
                if (c is >= 'A' and <= 'Z')
                {
                    needsLower = true;
                    continue;
                }
                throw new ArgumentException($"Metadata key '{key}' contains an invalid character '{c}'; allowed are a-z, 0-9, '_', '-' and '.'.", nameof(key));
            }
            return needsLower ? key.ToLowerInvariant() : key;
        }
    }
}
