using Xunit.Abstractions;
using Xunit.Sdk;

namespace EndToEnd.Tests;

/// <summary>The place of a test in its class's story: the tests of a class with <see cref="StepOrderer"/> run by this number.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>Runs a class's tests in the order of their <see cref="StepAttribute"/> (xunit's own order is undefined).</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string Name = "EndToEnd.Tests.StepOrderer";

    public const string Assembly = "EndToEnd.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => Number(t)).ThenBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);

    private static int Number(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName).FirstOrDefault() is { } step
            ? (int)step.GetConstructorArguments().Single()!
            : int.MaxValue;
}
