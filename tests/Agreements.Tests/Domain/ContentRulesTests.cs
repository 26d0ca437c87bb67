using Agreements.API.Model;
using Agreements.Tests.Seeds;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Domain;

/// <summary>The form of an agreement's content: every violation names its field path.</summary>
public sealed class ContentRulesTests
{
    public static TheoryData<string> Seeds => new(SeedAgreements.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_content_of_every_seed_agreement_is_well_formed(string seed)
    {
        var draft = SeedAgreements.All.Single(s => s.Name == seed).Draft;

        Assert.Empty(ContentRules.Check(draft.Content));
    }

    [Fact]
    public void The_local_goals_of_Unna_fit_beside_the_draft_goals()
    {
        var violations = new List<Violation>();
        ContentRules.CheckGoals(SeedAgreements.UnnaLocalGoals(), "goals", violations, SeedAgreements.Unna2012Draft().Content.Goals);

        Assert.Empty(violations);
    }

    [Fact]
    public void A_local_goal_may_not_reuse_the_id_of_a_draft_goal()
    {
        var local = SeedAgreements.UnnaLocalGoals().Select(g => g.Clone()).ToList();
        local[1].Id = "L1";
        var violations = new List<Violation>();
        ContentRules.CheckGoals(local, "goals", violations, SeedAgreements.Unna2012Draft().Content.Goals);

        Assert.Equal("goals[1].id", Assert.Single(violations).Subject);
    }

    [Fact]
    public void An_unknown_key_figure_is_refused_at_its_path()
    {
        var content = Borken();
        content.Goals[1].Targets[0].Indicator.KeyFigure.Id = "K9";

        AssertOnly(content, "content.goals[1].targets[0].indicator.key_figure.id");
    }

    [Theory]
    [InlineData("2,1")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData("+ 2")]
    [InlineData("2.1 %")]
    public void A_target_value_that_is_not_a_decimal_with_a_point_is_refused(string value)
    {
        var content = Borken();
        content.Goals[1].Targets[0].Value = value;

        AssertOnly(content, "content.goals[1].targets[0].value");
    }

    [Fact]
    public void A_target_without_a_scope_is_refused()
    {
        var content = Borken();
        content.Goals[2].Targets[1].Scope = null;

        AssertOnly(content, "content.goals[2].targets[1].scope");
    }

    [Fact]
    public void A_group_scope_needs_a_state_code()
    {
        var content = SeedAgreements.BmasNrw2016Draft([]).Content;
        content.Goals[1].Targets[0].Scope.Group.State = "NRW";

        AssertOnly(content, "content.goals[1].targets[0].scope.group.state");
    }

    [Fact]
    public void A_target_names_measure_comparison_direction_and_data_basis()
    {
        var content = Borken();
        var target = content.Goals[2].Targets[2];
        target.Measure = Measure.Unspecified;
        target.Comparison = Comparison.Unspecified;
        target.Direction = Direction.Unspecified;
        target.DataBasis = DataBasis.Unspecified;

        Assert.Equal(
            ["content.goals[2].targets[2].measure", "content.goals[2].targets[2].comparison", "content.goals[2].targets[2].direction", "content.goals[2].targets[2].data_basis"],
            ContentRules.Check(content).Select(v => v.Subject));
    }

    [Fact]
    public void Goal_ids_are_unique()
    {
        var content = Borken();
        content.Goals[2].Id = "I";

        AssertOnly(content, "content.goals[2].id");
    }

    [Fact]
    public void Target_and_observation_ids_are_unique_across_the_goals()
    {
        var content = Borken();
        content.Goals[2].Targets[0].Id = "II.1";
        content.Goals[2].Observations[0].Id = "I.K1";

        Assert.Equal(["content.goals[2].targets[0].id", "content.goals[2].observations[0].id"], ContentRules.Check(content).Select(v => v.Subject));
    }

    [Fact]
    public void An_observation_names_its_indicator_or_says_what_is_watched()
    {
        var content = Borken();
        content.Goals[2].Observations[0].Wording = "";

        AssertOnly(content, "content.goals[2].observations[0].indicator");
    }

    [Fact]
    public void A_goal_has_a_kind_and_a_heading()
    {
        var content = Borken();
        content.Goals[0].Kind = GoalKind.Unspecified;
        content.Goals[0].Heading = " ";

        Assert.Equal(["content.goals[0].kind", "content.goals[0].heading"], ContentRules.Check(content).Select(v => v.Subject));
    }

    [Fact]
    public void The_title_is_required_and_the_content_itself()
    {
        var content = Borken();
        content.Title = "";

        AssertOnly(content, "content.title");
        Assert.Equal("content", Assert.Single(ContentRules.Check(null)).Subject);
    }

    [Fact]
    public void Budget_figures_have_a_kind_and_are_not_negative()
    {
        var content = SeedAgreements.BmasNrw2016Draft([]).Content;
        content.Budget[0].AmountCents = -1;
        content.Budget[1].Kind = BudgetKind.Unspecified;

        Assert.Equal(["content.budget[0].amount_cents", "content.budget[1].kind"], ContentRules.Check(content).Select(v => v.Subject));
    }

    [Fact]
    public void Section_IV_refers_to_agreements_by_their_ids()
    {
        Assert.Empty(ContentRules.Check(SeedAgreements.BmasNrw2016Draft(["zv-2016-0001", "zv-2016-0002"]).Content));

        var content = SeedAgreements.BmasNrw2016Draft(["zv-2016-0001", "ZV 2016/2"]).Content;
        AssertOnly(content, $"content.sections[{content.Sections.Count - 1}].referenced_agreement_ids[1]");
    }

    [Fact]
    public void At_most_52_dialogues_a_year()
    {
        var content = Borken();
        content.DialoguePlan.PerYear = 53;

        AssertOnly(content, "content.dialogue_plan.per_year");
    }

    [Fact]
    public void Every_violation_is_a_malformed_request()
    {
        var content = Borken();
        content.Goals[1].Targets[0].Value = "zwei";

        Assert.All(ContentRules.Check(content), v => Assert.Equal(ViolationKind.Invalid, v.Kind));
    }

    private static AgreementContent Borken() => SeedAgreements.Borken2018Draft().Content;

    private static void AssertOnly(AgreementContent content, string path) => Assert.Equal(path, Assert.Single(ContentRules.Check(content)).Subject);
}
