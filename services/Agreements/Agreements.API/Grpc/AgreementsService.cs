namespace Agreements.API.Grpc;

internal sealed class AgreementsService : Zielsteuerung.Agreements.V1.Agreements.AgreementsBase;
