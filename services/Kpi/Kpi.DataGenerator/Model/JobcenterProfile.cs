namespace Kpi.DataGenerator.Model;

/// <summary>What sets a jobcenter apart (DOMAIN.md § 6): its size, its Integrationsquote and share of long-term
/// recipients around 2018/19, how many refugees it took in, and its rent level.</summary>
/// <param name="Elb2015">Mean ELB stock in 2015.</param>
/// <param name="K2">Yearly Integrationsquote 2018/19, %.</param>
/// <param name="LzbShare">Long-term recipients as a share of ELB, 2018/19.</param>
/// <param name="RefugeeRise">Rise of the ELB stock by recognised refugees at its peak (end of 2017).</param>
/// <param name="RentLevel">Housing costs relative to the NRW mean.</param>
internal sealed record JobcenterProfile(double Elb2015, double K2, double LzbShare, double RefugeeRise, double RentLevel);
