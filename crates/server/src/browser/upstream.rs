//! A country proxy (`--proxy COUNTRY=URL`) as the browser's egress proxy uses it: its address and
//! credentials, and opening a connection to a site through it (HTTP `CONNECT` or SOCKS5).
//!
//! The credentials never leave this type except on the wire to the proxy: `Debug` hides them and
//! no error message includes them.

use super::socks5;
use base64::Engine;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a proxy may take to accept a connection and answer its handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(15);
const MAX_HEAD_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyKind {
    /// `http://`: `CONNECT` for tunnels, absolute-form requests for plain HTTP.
    Http,
    /// `socks5://` (Trawl resolves the site's name) or `socks5h://` (the proxy does).
    Socks5 { remote_names: bool },
}

/// One configured proxy. Cheap to clone.
#[derive(Clone)]
pub struct UpstreamProxy {
    pub kind: ProxyKind,
    host: String,
    port: u16,
    credentials: Option<(String, String)>,
    /// The country the item asked for, named in error messages.
    pub country: Option<String>,
}

impl std::fmt::Debug for UpstreamProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpstreamProxy")
            .field("kind", &self.kind)
            .field("address", &self.address())
            .field(
                "credentials",
                &self.credentials.as_ref().map(|_| "(hidden)"),
            )
            .finish()
    }
}

/// Why a page could not go through its proxy; `Display` is a sentence shown to people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyFailure {
    pub country: Option<String>,
    /// The proxy turned Trawl away (credentials): trying again will not help.
    pub refused: bool,
    /// Plain words, never the credentials.
    pub detail: String,
}

impl std::fmt::Display for ProxyFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let which = match &self.country {
            Some(country) => format!("proxy for country \"{country}\""),
            None => "proxy".to_string(),
        };
        if self.refused {
            write!(
                f,
                "The {which} refused to carry this request ({}), so the page was not loaded. Ask this server's admin to check that proxy's address and credentials, or submit without useProxy/proxyCountry.",
                self.detail
            )
        } else {
            write!(
                f,
                "Trawl could not reach the {which} ({}), so the page was not loaded. Try again later; if it keeps failing, ask this server's admin to check that proxy, or submit without useProxy/proxyCountry.",
                self.detail
            )
        }
    }
}

impl std::error::Error for ProxyFailure {}

/// Why a connection through the proxy was not opened.
#[derive(Debug)]
pub enum TunnelError {
    /// The proxy itself failed: every request of the page will, so the item fails.
    Proxy(ProxyFailure),
    /// The proxy works but would not connect to this one site (it answered 403, 502, ...).
    Site(String),
}

/// Plain words for why a connection to the proxy failed.
pub fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::ConnectionRefused => "the connection was refused".into(),
        ErrorKind::TimedOut => "it did not answer in time".into(),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof => {
            "it closed the connection".into()
        }
        _ if error.to_string().contains("lookup") => "its name could not be found".into(),
        _ => error.to_string(),
    }
}

/// `%41` → `A`; credentials in URLs are percent-encoded.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `host:port`, with brackets around IPv6 addresses.
fn authority(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

impl UpstreamProxy {
    /// Parses a `--proxy` URL. Errors name the scheme or the problem, never the credentials.
    pub fn parse(text: &str) -> Result<UpstreamProxy, String> {
        let url = url::Url::parse(text).map_err(|e| format!("not a valid URL ({e})"))?;
        let (kind, default_port) = match url.scheme() {
            "http" => (ProxyKind::Http, 80),
            "socks5" => (
                ProxyKind::Socks5 {
                    remote_names: false,
                },
                1080,
            ),
            "socks5h" => (ProxyKind::Socks5 { remote_names: true }, 1080),
            other => {
                return Err(format!(
                    "{other}:// proxies are not supported (the browser cannot use them); use http://, socks5:// or socks5h://"
                ));
            }
        };
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("the URL has no host")?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let credentials = (!url.username().is_empty()).then(|| {
            (
                percent_decode(url.username()),
                percent_decode(url.password().unwrap_or("")),
            )
        });
        Ok(UpstreamProxy {
            kind,
            host,
            port: url.port().unwrap_or(default_port),
            credentials,
            country: None,
        })
    }

    /// `host:port` of the proxy (no credentials), for logs.
    pub fn address(&self) -> String {
        authority(&self.host, self.port)
    }

    fn failure(&self, refused: bool, detail: impl Into<String>) -> TunnelError {
        TunnelError::Proxy(ProxyFailure {
            country: self.country.clone(),
            refused,
            detail: detail.into(),
        })
    }

    /// A `Proxy-Authorization` header line (with its line end) for an HTTP proxy, if it has
    /// credentials.
    pub fn authorization_line(&self) -> String {
        match &self.credentials {
            Some((user, password)) => format!(
                "Proxy-Authorization: Basic {}\r\n",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            ),
            None => String::new(),
        }
    }

    /// Whether the proxy accepts TCP connections at all (to tell "the proxy is down" from "the
    /// site is down" after a failed fetch).
    pub async fn reachable(&self) -> Result<(), ProxyFailure> {
        match self.connect().await {
            Ok(_) => Ok(()),
            Err(TunnelError::Proxy(failure)) => Err(failure),
            Err(TunnelError::Site(_)) => Ok(()),
        }
    }

    /// A TCP connection to the proxy itself.
    pub async fn connect(&self) -> Result<TcpStream, TunnelError> {
        match tokio::time::timeout(
            HANDSHAKE_TIMEOUT,
            TcpStream::connect((self.host.as_str(), self.port)),
        )
        .await
        {
            Err(_) => Err(self.failure(false, "it did not answer in time")),
            Ok(Err(error)) => Err(self.failure(false, describe_io(&error))),
            Ok(Ok(stream)) => Ok(stream),
        }
    }

    /// A connection to `host:port` through the proxy. `resolved` is the address Trawl's own
    /// guard checked; SOCKS5 without remote names connects to it, the others pass the name on so
    /// that the proxy's country decides where it leads. Returns the stream and any bytes the
    /// proxy already sent past its answer.
    pub async fn open_tunnel(
        &self,
        host: &str,
        port: u16,
        resolved: SocketAddr,
    ) -> Result<(TcpStream, Vec<u8>), TunnelError> {
        let mut stream = self.connect().await?;
        let handshake = async {
            match self.kind {
                ProxyKind::Http => self.http_connect(&mut stream, host, port).await,
                ProxyKind::Socks5 { remote_names } => {
                    let name = remote_names && host.parse::<std::net::IpAddr>().is_err();
                    let credentials = self
                        .credentials
                        .as_ref()
                        .map(|(user, password)| (user.as_str(), password.as_str()));
                    socks5::handshake(&mut stream, credentials, name.then_some(host), resolved)
                        .await
                        .map(|()| Vec::new())
                        .map_err(|error| self.socks5_failure(error))
                }
            }
        };
        match tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await {
            Err(_) => Err(self.failure(false, "it did not answer in time")),
            Ok(Err(error)) => Err(error),
            Ok(Ok(rest)) => Ok((stream, rest)),
        }
    }

    async fn http_connect(
        &self,
        stream: &mut TcpStream,
        host: &str,
        port: u16,
    ) -> Result<Vec<u8>, TunnelError> {
        let target = authority(host, port);
        let request = format!(
            "CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n{}\r\n",
            self.authorization_line()
        );
        let io = |e: std::io::Error| self.failure(false, describe_io(&e));
        stream.write_all(request.as_bytes()).await.map_err(io)?;
        let (head, rest) = read_head(stream).await.map_err(io)?;
        match status_code(&head) {
            Some(200..=299) => Ok(rest),
            Some(407) => Err(self.failure(true, self.auth_detail())),
            Some(code) => Err(TunnelError::Site(format!(
                "the proxy answered {code} when asked for {host}"
            ))),
            None => Err(self.failure(false, "it does not speak HTTP")),
        }
    }

    fn socks5_failure(&self, error: socks5::Socks5Error) -> TunnelError {
        use socks5::Socks5Error;
        match error {
            Socks5Error::Io(error) => self.failure(false, describe_io(&error)),
            Socks5Error::Refused(detail) => self.failure(true, detail),
            Socks5Error::Unreadable(detail) => self.failure(false, detail),
            Socks5Error::Site(code) => TunnelError::Site(format!(
                "the proxy could not connect to the site (SOCKS5 reply {code})"
            )),
        }
    }

    /// Why a 407 came: wrong credentials, or none given.
    pub fn auth_detail(&self) -> &'static str {
        if self.credentials.is_some() {
            "it did not accept the user name and password (407 Proxy Authentication Required)"
        } else {
            "it asks for a user name and password, and none is configured (407 Proxy Authentication Required)"
        }
    }
}

/// Reads the head of an HTTP request or answer; returns it and whatever came after it.
pub async fn read_head<R: AsyncRead + Unpin>(
    stream: &mut R,
) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut buffer = Vec::with_capacity(512);
    let mut chunk = [0u8; 1024];
    loop {
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buffer.split_off(end + 4);
            return Ok((buffer, rest));
        }
        if buffer.len() > MAX_HEAD_BYTES {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
    }
}

/// The status code of an HTTP answer head (`HTTP/1.1 407 ...`).
pub fn status_code(head: &[u8]) -> Option<u16> {
    let line = head.split(|b| *b == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.split_whitespace();
    parts.next().filter(|v| v.starts_with("HTTP/"))?;
    parts.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    #[test]
    fn proxy_urls_keep_credentials_out_of_debug_output() {
        let proxy = UpstreamProxy::parse("http://trawl:s%40cret@10.0.0.5:3128").unwrap();
        assert_eq!(proxy.kind, ProxyKind::Http);
        assert_eq!(proxy.address(), "10.0.0.5:3128");
        assert_eq!(
            proxy.authorization_line(),
            format!(
                "Proxy-Authorization: Basic {}\r\n",
                base64::engine::general_purpose::STANDARD.encode("trawl:s@cret")
            )
        );
        let shown = format!("{proxy:?}");
        assert!(
            !shown.contains("cret") && !shown.contains("trawl"),
            "{shown}"
        );
    }

    #[test]
    fn schemes_the_browser_cannot_use_are_refused_by_name() {
        let error = UpstreamProxy::parse("https://user:pw-9137@proxy.example:443").unwrap_err();
        assert!(
            error.contains("https:// proxies are not supported"),
            "{error}"
        );
        assert!(!error.contains("pw-9137"));
        assert!(UpstreamProxy::parse("socks4://10.0.0.5").is_err());
        let socks = UpstreamProxy::parse("socks5h://10.0.0.5").unwrap();
        assert_eq!(socks.kind, ProxyKind::Socks5 { remote_names: true });
        assert_eq!(socks.address(), "10.0.0.5:1080");
    }

    #[test]
    fn failures_name_the_proxy_not_the_page() {
        let failure = ProxyFailure {
            country: Some("de".into()),
            refused: false,
            detail: "the connection was refused".into(),
        };
        assert!(
            failure.to_string().starts_with(
                "Trawl could not reach the proxy for country \"de\" (the connection was refused)"
            ),
            "{failure}"
        );
    }

    #[tokio::test]
    async fn an_http_proxy_asking_for_credentials_is_a_refusal() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let _ = read_head(&mut socket).await;
            let _ = socket
                .write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n",
                )
                .await;
        });
        let proxy = UpstreamProxy::parse(&format!("http://user:pw-5521@{address}")).unwrap();
        let error = proxy
            .open_tunnel("shop.example", 443, "192.0.2.1:443".parse().unwrap())
            .await
            .unwrap_err();
        let TunnelError::Proxy(failure) = error else {
            panic!("not a proxy failure: {error:?}");
        };
        assert!(failure.refused);
        assert!(!failure.to_string().contains("pw-5521"));
    }

    #[tokio::test]
    async fn an_http_proxy_tunnel_carries_the_credentials_and_then_the_bytes() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let (head, _) = read_head(&mut socket).await.unwrap();
            socket
                .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\nearly")
                .await
                .unwrap();
            let mut echo = [0u8; 5];
            socket.read_exact(&mut echo).await.unwrap();
            socket.write_all(&echo).await.unwrap();
            String::from_utf8(head).unwrap()
        });
        let proxy = UpstreamProxy::parse(&format!("http://user:pw@{address}")).unwrap();
        let (mut stream, early) = proxy
            .open_tunnel("shop.example", 443, "192.0.2.1:443".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(early, b"early");
        stream.write_all(b"hello").await.unwrap();
        let mut echo = [0u8; 5];
        stream.read_exact(&mut echo).await.unwrap();
        assert_eq!(&echo, b"hello");
        let head = server.await.unwrap();
        assert!(
            head.starts_with("CONNECT shop.example:443 HTTP/1.1\r\n"),
            "{head}"
        );
        assert!(
            head.contains("Proxy-Authorization: Basic dXNlcjpwdw==\r\n"),
            "{head}"
        );
    }

    #[tokio::test]
    async fn a_closed_proxy_port_is_unreachable() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        drop(listener);
        let proxy = UpstreamProxy::parse(&format!("http://{address}")).unwrap();
        let failure = proxy.reachable().await.unwrap_err();
        assert!(!failure.refused);
        assert_eq!(failure.detail, "the connection was refused");
    }
}
