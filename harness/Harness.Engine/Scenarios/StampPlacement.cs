namespace Harness.Engine.Scenarios;

/// <summary>Where each record carries the harness's stamp (<c>stamp</c>).</summary>
public enum StampPlacement
{
    /// <summary>
    /// In the first 45 bytes of the value (<c>value</c>), the default: no extra header per record, which is both
    /// faster to send and truer to the profile; values shorter than that get the header.
    /// </summary>
    Value,

    /// <summary>In an <c>hx-stamp</c> header (<c>header</c>), leaving every value byte random.</summary>
    Header,
}
