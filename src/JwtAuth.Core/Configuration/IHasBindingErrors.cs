namespace JwtAuth.Configuration;

/// <summary>Options whose configuration values may fail to read; validation reports them.</summary>
internal interface IHasBindingErrors
{
    List<string> BindingErrors { get; }
}
