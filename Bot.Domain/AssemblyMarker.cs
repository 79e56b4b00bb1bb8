namespace Bot.Domain;

/// <summary>Marks the domain assembly (EF configurations are applied from it).</summary>
public sealed class DomainAssembly;
