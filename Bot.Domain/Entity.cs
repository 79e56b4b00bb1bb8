namespace Bot.Domain;

/// <summary>Base of every stored entity: a client-generated, time-ordered id.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}

/// <summary>An entity owned by one school of the installation (docs/architecture.md "Tenancy").</summary>
public abstract class SchoolEntity : Entity
{
    public Guid SchoolId { get; protected init; }
}
