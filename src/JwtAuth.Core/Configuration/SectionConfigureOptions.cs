using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace JwtAuth.Configuration;

/// <summary>Binds <typeparamref name="TOptions"/> from one configuration section with <see cref="Durations"/>.</summary>
internal sealed class SectionConfigureOptions<TOptions>(IConfiguration? configuration, string section) : IConfigureOptions<TOptions>
    where TOptions : class, IHasBindingErrors
{
    public void Configure(TOptions options)
    {
        if (configuration is not null)
        {
            Durations.Bind(configuration.GetSection(section), options, options.BindingErrors);
        }
    }
}
