using System.Collections;

namespace Bench.Objects.Model;

/// <summary>
/// oslo's ObjectListBase: an object whose one field, "objects", is a list of objects, and which reads as that list.
/// It starts empty and unchanged (as ObjectListBase.__init__ does), and reports "objects" changed when an element changed.
/// </summary>
public abstract class ObjectList<T> : VersionedObject, IReadOnlyList<T>
    where T : VersionedObject
{
    protected ObjectList(ObjectSchema schema)
        : base(schema)
    {
        if (!schema.IsList)
        {
            throw new ArgumentException($"{schema.Name}: a list object has exactly one field, objects, a list of objects", nameof(schema));
        }

        Store(0, 0, new List<VersionedObject>(), isNull: false, markChanged: false);
    }

    public int Count => Items.Count;

    private List<VersionedObject> Items => GetObjectList(0) ?? [];

    public T this[int index] => (T)Items[index];

    /// <summary>Replaces the list (a set of the field, so "objects" is changed).</summary>
    public void SetObjects(IEnumerable<T> objects) => SetObjectList(0, objects);

    /// <summary>Adds without marking the list changed: how a list is filled when it is built from the database.</summary>
    public void AddLoaded(T item) => Items.Add(item);

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var item in Items)
        {
            yield return (T)item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
