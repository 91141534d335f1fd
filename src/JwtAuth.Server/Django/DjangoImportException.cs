namespace JwtAuth.Server.Django;

/// <summary>The source cannot be read or is not a Django database; the message is the one line the CLI prints.</summary>
internal sealed class DjangoImportException(string message, Exception? innerException = null) : Exception(message, innerException);
