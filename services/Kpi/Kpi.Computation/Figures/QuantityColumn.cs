namespace Kpi.Computation;

// One code's months, densely: index i holds the month with ordinal _first + i.
internal sealed class QuantityColumn
{
    private const int GrowthMonths = 24;
    private int _first;
    private Rational[] _values = [];
    private bool[] _present = [];

    public void Set(int ordinal, Rational value)
    {
        if (_values.Length == 0)
        {
            _first = ordinal;
            Resize(ordinal, ordinal + GrowthMonths);
        }
        else if (ordinal < _first || ordinal >= _first + _values.Length)
        {
            var last = _first + _values.Length - 1;
            Resize(Math.Min(_first, ordinal - GrowthMonths), Math.Max(last, ordinal + GrowthMonths));
        }

        _values[ordinal - _first] = value;
        _present[ordinal - _first] = true;
    }

    public bool TryGet(int ordinal, out Rational value)
    {
        var index = ordinal - _first;
        if ((uint)index < (uint)_values.Length && _present[index])
        {
            value = _values[index];
            return true;
        }

        value = Rational.Zero;
        return false;
    }

    /// <summary>Σ of the ordinals first..last, or the first ordinal missing.</summary>
    public bool TrySum(int first, int last, out Rational sum, out int missingOrdinal)
    {
        sum = Rational.Zero;
        for (var ordinal = first; ordinal <= last; ordinal++)
        {
            var index = ordinal - _first;
            if ((uint)index >= (uint)_values.Length || !_present[index])
            {
                missingOrdinal = ordinal;
                return false;
            }

            sum += _values[index];
        }

        missingOrdinal = 0;
        return true;
    }

    private void Resize(int first, int last)
    {
        var values = new Rational[last - first + 1];
        var present = new bool[values.Length];
        Array.Copy(_values, 0, values, _first - first, _values.Length);
        Array.Copy(_present, 0, present, _first - first, _present.Length);
        (_first, _values, _present) = (first, values, present);
    }
}
