//! Which certificate authorities TLS connections trust (syslog over TLS, HTTPS webhook,
//! management server): Mozilla's web PKI roots, or — when `SSL_CERT_FILE` names a PEM
//! bundle — exactly the certificates in it (OpenSSL's convention; use it for a private CA).

use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

/// The certificates of `SSL_CERT_FILE`, or `None` when it is unset or empty.
pub fn custom_roots() -> Result<Option<Vec<CertificateDer<'static>>>, String> {
    let Some(path) = std::env::var_os("SSL_CERT_FILE").filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let shown = std::path::Path::new(&path).display().to_string();
    let err = |e: &dyn std::fmt::Display| format!("SSL_CERT_FILE {shown}: {e}");
    let certs = CertificateDer::pem_file_iter(&path)
        .map_err(|e| err(&e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| err(&e))?;
    if certs.is_empty() {
        return Err(err(&"no certificate in the file"));
    }
    Ok(Some(certs))
}

/// A blocking HTTP(S) client with a whole-exchange `timeout`, statuses returned as values,
/// no redirects, and the trust roots above.
pub fn http_agent(timeout: Duration) -> Result<ureq::Agent, String> {
    let roots = match custom_roots()? {
        None => ureq::tls::RootCerts::WebPki,
        Some(certs) => certs
            .iter()
            .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned())
            .collect::<Vec<_>>()
            .into(),
    };
    let tls = ureq::tls::TlsConfig::builder().root_certs(roots).build();
    Ok(ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .tls_config(tls)
        .build()
        .into())
}
