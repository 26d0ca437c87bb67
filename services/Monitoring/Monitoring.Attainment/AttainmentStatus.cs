namespace Monitoring.Attainment;

public enum AttainmentStatus { OnTrack, AtRisk, OffTrack, Achieved, Missed, NoData, NotAssessable, Observed }
