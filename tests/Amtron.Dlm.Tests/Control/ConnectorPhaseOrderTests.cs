using Amtron.Dlm.Control;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Control;

/// <summary>
/// The worst case of a vehicle whose phases are not known: it draws on its connector's first phase, first two or all
/// (a phase rotation fixes which), so only some ordered pairs of phases can be made heavier than modelled. Each case is
/// worked by listing the phase sets and the difference each makes, p minus q, against the model.
/// </summary>
public sealed class ConnectorPhaseOrderTests
{
    private static readonly Amps Six = Amps.From(6);

    private static ConnectorPhaseOrder Order(params Phase[] rotation) => ConnectorPhaseOrder.Of(
        new ChargePointObservation("CP", PhaseSet.Of(rotation), Amps.From(32), true, PhaseCurrents.Zero)
        {
            FirstPhase = PhaseSet.Of(rotation[0]),
            LeadingPhases = PhaseSet.Of(rotation.AsSpan(0, rotation.Length - 1)),
        });

    [Fact]
    public void A_three_phase_connector_makes_only_an_earlier_phase_heavier_than_a_later_one()
    {
        // Wired [L3, L1, L2], modelled at 6 A on all three. Drawing on {L3}: L3 - L1 = +6, L3 - L2 = +6, L1 - L2 = 0
        // (model 0 each); on {L3, L1}: L3 - L2 = +6, L1 - L2 = +6; on all: 0. The most per pair: L3>L1 6, L3>L2 6,
        // L1>L2 6; L1>L3, L2>L3 and L2>L1 never exceed the model.
        var worst = Order(Phase.L3, Phase.L1, Phase.L2).WorstCase(Six, modelledOnConnector: true);
        Assert.Equal(PhasePairCurrents.Zero.With(2, 0, Six).With(2, 1, Six).With(0, 1, Six), worst);
    }

    [Fact]
    public void A_two_phase_connector_can_also_leave_its_second_phase_lighter_than_the_phase_it_is_not_wired_to()
    {
        // Wired [L1, L2] (L3 not wired), modelled at 6 A on L1 and L2: model L1 - L2 = 0, L3 - L2 = -6, L1 - L3 = +6.
        // Drawing on {L1}: L1 - L2 = +6 (6 beyond), L3 - L2 = 0 (6 beyond the model's -6), L1 - L3 = +6 (0 beyond);
        // on {L1, L2}: as modelled. So L1>L2 6 and L3>L2 6: a phase off the connector may outweigh the second one.
        var worst = Order(Phase.L1, Phase.L2).WorstCase(Six, modelledOnConnector: true);
        Assert.Equal(PhasePairCurrents.Zero.With(0, 1, Six).With(2, 1, Six), worst);
    }

    [Fact]
    public void A_satellite_out_of_reach_modelled_as_drawing_nothing_may_load_any_prefix()
    {
        // Wired [L2, L3, L1], Disconnected Limit 10 A, modelled at 0 A. {L2}: L2 over L1 and L3 by 10; {L2, L3}: L2
        // and L3 over L1 by 10; all: nothing. So L2>L1, L2>L3 and L3>L1 may each be 10 A beyond the model.
        var ten = Amps.From(10);
        var worst = Order(Phase.L2, Phase.L3, Phase.L1).WorstCase(ten, modelledOnConnector: false);
        Assert.Equal(PhasePairCurrents.Zero.With(1, 0, ten).With(1, 2, ten).With(2, 0, ten), worst);
    }

    [Fact]
    public void A_connector_of_unknown_order_may_make_any_of_its_phases_heavier_than_any_other()
    {
        // No rotation given: {L1}, {L2}, {L3} are all possible, so every ordered pair may be 6 A beyond the model.
        var order = ConnectorPhaseOrder.Of(new ChargePointObservation("CP", PhaseSet.ThreePhase, Amps.From(32), true, PhaseCurrents.Zero));
        Assert.Equal(PhasePairCurrents.OverEveryOther(PhaseCurrents.Uniform(6)), order.WorstCase(Six, modelledOnConnector: true));
    }

    [Theory]
    [InlineData(0b001, true)]
    [InlineData(0b010, false)]
    [InlineData(0b100, false)]
    [InlineData(0b011, true)]
    [InlineData(0b101, false)]
    [InlineData(0b110, false)]
    [InlineData(0b111, true)]
    [InlineData(0, false)]
    public void Only_prefixes_of_the_rotation_are_drawn_on(int mask, bool possible)
    {
        // Wired [L1, L2, L3]: a vehicle draws on L1, L1 + L2 or all.
        Assert.Equal(possible, Order(Phase.L1, Phase.L2, Phase.L3).MayDrawOn(mask));
    }
}
