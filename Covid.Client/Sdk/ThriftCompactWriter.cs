using System.Buffers.Binary;
using System.Text;

namespace Covid.Client;

/// <summary>
/// Thrift's compact protocol, the encoding of Parquet's metadata: just enough to write structs of
/// i32, i64, strings, lists and nested structs (field ids as deltas, zigzag varints).
/// </summary>
internal sealed class ThriftCompactWriter(Stream output)
{
    private const byte I32 = 5, I64 = 6, Binary = 8, List = 9, Struct = 12;
    private readonly Stack<short> lastIds = new([0]);

    public void I32Field(short id, int value)
    {
        Header(id, I32);
        Varint(ZigZag(value));
    }

    public void I64Field(short id, long value)
    {
        Header(id, I64);
        Varint(ZigZag(value));
    }

    public void StringField(short id, string value)
    {
        Header(id, Binary);
        Bytes(Encoding.UTF8.GetBytes(value));
    }

    public void I32ListField(short id, IReadOnlyList<int> values)
    {
        ListHeader(id, I32, values.Count);
        foreach (var value in values)
        {
            Varint(ZigZag(value));
        }
    }

    public void StringListField(short id, IReadOnlyList<string> values)
    {
        ListHeader(id, Binary, values.Count);
        foreach (var value in values)
        {
            Bytes(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>A list of structs, each written by <paramref name="write"/>.</summary>
    public void StructListField<T>(short id, IReadOnlyList<T> items, Action<T> write)
    {
        ListHeader(id, Struct, items.Count);
        foreach (var item in items)
        {
            Nested(() => write(item));
        }
    }

    /// <summary>A struct-valued field.</summary>
    public void StructField(short id, Action write)
    {
        Header(id, Struct);
        Nested(write);
    }

    /// <summary>Ends the outermost struct (the message itself).</summary>
    public void End() => output.WriteByte(0);

    private void Nested(Action write)
    {
        lastIds.Push(0);
        write();
        output.WriteByte(0);
        lastIds.Pop();
    }

    private void Header(short id, byte type)
    {
        var delta = id - lastIds.Peek();
        if (delta is > 0 and <= 15)
        {
            output.WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            output.WriteByte(type);
            Varint(ZigZag(id));
        }
        lastIds.Pop();
        lastIds.Push(id);
    }

    private void ListHeader(short id, byte elementType, int count)
    {
        Header(id, List);
        if (count < 15)
        {
            output.WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            output.WriteByte((byte)(0xF0 | elementType));
            Varint((ulong)count);
        }
    }

    private void Bytes(byte[] bytes)
    {
        Varint((ulong)bytes.Length);
        output.Write(bytes);
    }

    public void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>A 4-byte little-endian length, as Parquet frames its footer and definition levels.</summary>
    public static void Int32LittleEndian(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
