namespace Kpi.DataGenerator.Model;

/// <summary>Profiles of the NRW jobcenters by AGS. Magnitudes follow DOMAIN.md § 6 (Borken ~10,800 ELB in 2015,
/// K2 from ~18 % in Kreis Recklinghausen to ~33 % in Kreis Heinsberg, LZB from 61 % in Olpe to 76 % in Essen); the
/// rest are plausible estimates (cities larger, lower K2, more LZB), not published figures.</summary>
internal static class JobcenterProfiles
{
    private static readonly Dictionary<string, JobcenterProfile> ByAgs = new()
    {
        ["05111"] = new(50500, 22.5, 0.71, 0.19, 1.25), // Düsseldorf
        ["05112"] = new(56000, 20.0, 0.75, 0.22, 1.00), // Duisburg
        ["05113"] = new(63000, 20.5, 0.76, 0.21, 1.05), // Essen
        ["05114"] = new(22800, 22.0, 0.73, 0.19, 1.00), // Krefeld
        ["05116"] = new(27500, 21.5, 0.73, 0.19, 1.00), // Mönchengladbach
        ["05117"] = new(13800, 22.5, 0.73, 0.18, 1.05), // Mülheim an der Ruhr
        ["05119"] = new(21500, 21.0, 0.74, 0.19, 0.95), // Oberhausen
        ["05120"] = new(8200, 24.5, 0.70, 0.18, 0.95), // Remscheid
        ["05122"] = new(11400, 24.0, 0.71, 0.18, 1.00), // Solingen
        ["05124"] = new(37500, 21.5, 0.73, 0.20, 1.00), // Wuppertal
        ["05154"] = new(13600, 27.0, 0.66, 0.15, 0.90), // Kreis Kleve
        ["05158"] = new(28000, 25.5, 0.69, 0.16, 1.15), // Kreis Mettmann
        ["05162"] = new(20800, 26.0, 0.68, 0.16, 1.10), // Rhein-Kreis Neuss
        ["05166"] = new(14300, 26.5, 0.67, 0.15, 0.95), // Kreis Viersen
        ["05170"] = new(25200, 25.0, 0.70, 0.16, 0.95), // Kreis Wesel
        ["05314"] = new(20500, 23.5, 0.70, 0.19, 1.25), // Bonn
        ["05315"] = new(88000, 21.5, 0.72, 0.20, 1.30), // Köln
        ["05316"] = new(11600, 24.0, 0.71, 0.18, 1.10), // Leverkusen
        ["05334"] = new(49000, 23.0, 0.71, 0.19, 1.05), // StädteRegion Aachen
        ["05358"] = new(14200, 24.0, 0.69, 0.16, 0.95), // Kreis Düren
        ["05362"] = new(25500, 25.0, 0.69, 0.16, 1.10), // Rhein-Erft-Kreis
        ["05366"] = new(7600, 29.0, 0.65, 0.15, 0.95), // Kreis Euskirchen
        ["05370"] = new(11200, 33.0, 0.64, 0.15, 0.90), // Kreis Heinsberg
        ["05374"] = new(11200, 27.5, 0.66, 0.15, 0.95), // Oberbergischer Kreis
        ["05378"] = new(10200, 26.5, 0.67, 0.15, 1.15), // Rheinisch-Bergischer Kreis
        ["05382"] = new(25800, 26.0, 0.68, 0.16, 1.10), // Rhein-Sieg-Kreis
        ["05512"] = new(7800, 24.0, 0.70, 0.16, 0.90), // Bottrop
        ["05513"] = new(35500, 19.5, 0.75, 0.24, 0.90), // Gelsenkirchen
        ["05515"] = new(14200, 26.5, 0.66, 0.16, 1.25), // Münster
        ["05554"] = new(10800, 30.5, 0.63, 0.15, 0.90), // Kreis Borken
        ["05558"] = new(5400, 28.5, 0.64, 0.14, 0.95), // Kreis Coesfeld
        ["05562"] = new(58000, 18.5, 0.74, 0.18, 0.95), // Kreis Recklinghausen
        ["05566"] = new(13200, 30.0, 0.63, 0.14, 0.90), // Kreis Steinfurt
        ["05570"] = new(9600, 28.5, 0.64, 0.15, 0.90), // Kreis Warendorf
        ["05711"] = new(26800, 23.0, 0.71, 0.19, 1.00), // Bielefeld
        ["05754"] = new(12800, 28.0, 0.64, 0.16, 0.95), // Kreis Gütersloh
        ["05758"] = new(11800, 26.0, 0.68, 0.16, 0.90), // Kreis Herford
        ["05762"] = new(5200, 30.0, 0.62, 0.14, 0.85), // Kreis Höxter
        ["05766"] = new(18600, 25.0, 0.69, 0.18, 0.90), // Kreis Lippe
        ["05770"] = new(14000, 26.0, 0.67, 0.16, 0.85), // Kreis Minden-Lübbecke
        ["05774"] = new(13400, 27.5, 0.66, 0.16, 0.95), // Kreis Paderborn
        ["05911"] = new(32500, 22.0, 0.73, 0.19, 0.95), // Bochum
        ["05913"] = new(66000, 20.5, 0.74, 0.21, 1.00), // Dortmund
        ["05914"] = new(19300, 21.0, 0.73, 0.20, 0.90), // Hagen
        ["05915"] = new(15800, 22.0, 0.72, 0.19, 0.90), // Hamm
        ["05916"] = new(15800, 20.5, 0.74, 0.20, 0.90), // Herne
        ["05954"] = new(14800, 23.5, 0.70, 0.16, 0.95), // Ennepe-Ruhr-Kreis
        ["05958"] = new(8600, 29.5, 0.63, 0.14, 0.85), // Hochsauerlandkreis
        ["05962"] = new(17200, 25.5, 0.69, 0.16, 0.90), // Märkischer Kreis
        ["05966"] = new(5000, 31.0, 0.61, 0.12, 0.90), // Kreis Olpe
        ["05970"] = new(10600, 27.5, 0.66, 0.15, 0.90), // Kreis Siegen-Wittgenstein
        ["05974"] = new(12600, 27.0, 0.67, 0.15, 0.90), // Kreis Soest
        ["05978"] = new(28200, 23.5, 0.71, 0.16, 0.95), // Kreis Unna
    };

    /// <summary>The jobcenter's profile; one derived from its key for a jobcenter the table does not know yet.</summary>
    public static JobcenterProfile For(string ags)
    {
        if (ByAgs.TryGetValue(ags, out var profile)) return profile;
        var noise = new Noise(Noise.Mix(0x5EED, (ulong)ags.GetHashCodeStable()));
        return new JobcenterProfile(noise.Uniform(6000, 30000), noise.Uniform(21, 29), noise.Uniform(0.63, 0.72),
            noise.Uniform(0.11, 0.16), noise.Uniform(0.9, 1.1));
    }

    private static long GetHashCodeStable(this string text)
    {
        long hash = 17;
        foreach (var c in text) hash = hash * 31 + c;
        return hash;
    }
}
