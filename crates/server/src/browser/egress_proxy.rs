//! A tiny forward proxy on loopback that Chromium must use for every connection, so the SSRF
//! guard applies to the browser too: page, redirects, images, scripts, everything.
//!
//! It understands `CONNECT host:port` (HTTPS tunnels) and absolute-form plain HTTP requests,
//! resolves the host itself, refuses internal addresses unless allowed, then connects directly
//! or, for an item with `useProxy`/`proxyCountry`, through that country's proxy
//! ([`UpstreamProxy`]). Each page gets its own listener, so its route cannot mix with another
//! page's, and dropping it ends every connection the page had open.

use super::upstream::{
    ProxyFailure, ProxyKind, TunnelError, UpstreamProxy, read_head, status_code,
};
use crate::scrape::guard::{is_internal, is_local_name};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

const BAD_REQUEST: &[u8] = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
const FORBIDDEN: &[u8] =
    b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
const BAD_GATEWAY: &[u8] =
    b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

/// Where one page's connections go, and the first failure of its proxy.
struct Route {
    allow_private: bool,
    upstream: Option<UpstreamProxy>,
    failure: Mutex<Option<ProxyFailure>>,
}

impl Route {
    fn note(&self, failure: ProxyFailure) {
        if let Ok(mut slot) = self.failure.lock()
            && slot.is_none()
        {
            tracing::info!(proxy = %self.upstream.as_ref().map(|u| u.address()).unwrap_or_default(), detail = %failure.detail, "a browser page could not go through its proxy");
            *slot = Some(failure);
        }
    }
}

/// One page's egress proxy. Dropping it stops the listener and every connection it carries.
pub struct Egress {
    pub address: SocketAddr,
    route: Arc<Route>,
    task: tokio::task::JoinHandle<()>,
}

impl Egress {
    /// Listens on an ephemeral loopback port; connections go direct, or through `upstream`.
    pub async fn start(
        allow_private_targets: bool,
        upstream: Option<UpstreamProxy>,
    ) -> std::io::Result<Egress> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let route = Arc::new(Route {
            allow_private: allow_private_targets,
            upstream,
            failure: Mutex::new(None),
        });
        let serving = route.clone();
        let task = tokio::spawn(async move {
            // Owned here, so aborting this task ends the connections too.
            let mut connections = JoinSet::new();
            loop {
                let Ok((client, _)) = listener.accept().await else {
                    continue;
                };
                while connections.try_join_next().is_some() {}
                let route = serving.clone();
                connections.spawn(async move {
                    let _ = serve(client, &route).await;
                });
            }
        });
        Ok(Egress {
            address,
            route,
            task,
        })
    }

    /// The first time the page's proxy itself failed (unreachable, or it refused Trawl), if
    /// it did.
    pub fn proxy_failure(&self) -> Option<ProxyFailure> {
        self.route.failure.lock().ok().and_then(|f| f.clone())
    }
}

impl Drop for Egress {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What a proxied request asks for.
#[derive(Debug, PartialEq)]
pub struct Target {
    pub host: String,
    pub port: u16,
    pub tunnel: bool,
    /// For plain HTTP: the request line as sent to us (absolute form) and as sent to the site
    /// (origin form), and the headers to pass on, ending with `Connection: close`.
    absolute_line: String,
    origin_line: String,
    headers: String,
}

impl Target {
    /// The request head for the site itself (origin form).
    pub fn forwarded_head(&self) -> Vec<u8> {
        format!("{}{}\r\n", self.origin_line, self.headers).into_bytes()
    }

    /// The request head for an HTTP proxy (absolute form), with its credentials if any.
    pub fn proxy_head(&self, authorization_line: &str) -> Vec<u8> {
        format!(
            "{}{}{authorization_line}\r\n",
            self.absolute_line, self.headers
        )
        .into_bytes()
    }
}

/// Parses the head of a proxy request (`CONNECT` or absolute-form HTTP).
pub fn parse_head(head: &str) -> Option<Target> {
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?;
    let mut parts = request_line.split_whitespace();
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if method.eq_ignore_ascii_case("CONNECT") {
        let (host, port) = target.rsplit_once(':')?;
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        return Some(Target {
            host,
            port: port.parse().ok()?,
            tunnel: true,
            absolute_line: String::new(),
            origin_line: String::new(),
            headers: String::new(),
        });
    }
    let url = url::Url::parse(target).ok()?;
    if url.scheme() != "http" {
        return None;
    }
    let host = url
        .host_str()?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = url.port_or_known_default()?;
    let path = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    };
    let mut headers = String::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let name = header_name(line);
        if !matches!(
            name.as_str(),
            "connection" | "proxy-connection" | "keep-alive" | "proxy-authorization"
        ) {
            headers.push_str(line);
            headers.push_str("\r\n");
        }
    }
    headers.push_str("Connection: close\r\n");
    Some(Target {
        host,
        port,
        tunnel: false,
        absolute_line: format!("{method} {url} {version}\r\n"),
        origin_line: format!("{method} {path} {version}\r\n"),
        headers,
    })
}

/// Resolves `host` and returns the first address the guard allows, or why none is.
pub async fn allowed_address(
    host: &str,
    port: u16,
    allow_private: bool,
) -> Result<SocketAddr, String> {
    if !allow_private && is_local_name(host) {
        return Err(format!("{host} is this machine"));
    }
    let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .collect();
    resolved
        .iter()
        .copied()
        .find(|a| allow_private || !is_internal(a.ip()))
        .ok_or_else(|| format!("{host} resolves only to internal addresses"))
}

async fn serve(mut client: TcpStream, route: &Route) -> std::io::Result<()> {
    let (head, rest) = read_head(&mut client).await?;
    let Some(target) = parse_head(&String::from_utf8_lossy(&head)) else {
        return client.write_all(BAD_REQUEST).await;
    };
    // The guard checks the site even when a proxy connects to it: a proxy on this machine or
    // network could otherwise be used to reach internal addresses.
    let address = match allowed_address(&target.host, target.port, route.allow_private).await {
        Ok(address) => address,
        Err(reason) => {
            tracing::info!(host = %target.host, %reason, "browser request refused by the SSRF guard");
            return client.write_all(FORBIDDEN).await;
        }
    };
    let (mut upstream, early) = match &route.upstream {
        None => match TcpStream::connect(address).await {
            Ok(stream) => (stream, Vec::new()),
            Err(_) => return client.write_all(BAD_GATEWAY).await,
        },
        Some(proxy) if target.tunnel || matches!(proxy.kind, ProxyKind::Socks5 { .. }) => {
            match proxy.open_tunnel(&target.host, target.port, address).await {
                Ok(opened) => opened,
                Err(error) => {
                    if let TunnelError::Proxy(failure) = error {
                        route.note(failure);
                    }
                    return client.write_all(BAD_GATEWAY).await;
                }
            }
        }
        Some(proxy) => return through_http_proxy(client, &target, &rest, proxy, route).await,
    };
    if target.tunnel {
        client
            .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            .await?;
    } else {
        upstream.write_all(&target.forwarded_head()).await?;
    }
    if !early.is_empty() {
        client.write_all(&early).await?;
    }
    if !rest.is_empty() {
        upstream.write_all(&rest).await?;
    }
    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
    Ok(())
}

/// The lower-case name of a header line ("Keep-Alive: 5" → "keep-alive").
fn header_name(line: &str) -> String {
    line.split(':')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// An answer head passed back to Chromium, changed so that it does not send another request on
/// the same connection: that request would reach the proxy without the guard's check.
pub fn close_after_answer(head: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(head);
    let mut out = String::with_capacity(text.len() + 48);
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let name = header_name(line);
        if !matches!(
            name.as_str(),
            "connection" | "proxy-connection" | "keep-alive"
        ) {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("Connection: close\r\nProxy-Connection: close\r\n\r\n");
    out.into_bytes()
}

/// Plain HTTP through an HTTP proxy: the request in absolute form with the proxy's
/// credentials. Its answer is read before it is passed on, so that a 407 (credentials refused)
/// is noted as the proxy's failure rather than shown as the page.
async fn through_http_proxy(
    mut client: TcpStream,
    target: &Target,
    body_start: &[u8],
    proxy: &UpstreamProxy,
    route: &Route,
) -> std::io::Result<()> {
    let mut upstream = match proxy.connect().await {
        Ok(stream) => stream,
        Err(error) => {
            if let TunnelError::Proxy(failure) = error {
                route.note(failure);
            }
            return client.write_all(BAD_GATEWAY).await;
        }
    };
    upstream
        .write_all(&target.proxy_head(&proxy.authorization_line()))
        .await?;
    upstream.write_all(body_start).await?;
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_proxy, mut to_proxy) = upstream.into_split();
    // The rest of a request body flows while the answer is awaited.
    let forward = async {
        let _ = tokio::io::copy(&mut from_client, &mut to_proxy).await;
        let _ = to_proxy.shutdown().await;
        std::future::pending::<()>().await
    };
    let backward = async {
        let (head, rest) = match read_head(&mut from_proxy).await {
            Ok(answer) => answer,
            Err(error) => {
                route.note(ProxyFailure {
                    country: proxy.country.clone(),
                    refused: false,
                    detail: format!("{} without answering", super::upstream::describe_io(&error)),
                });
                return to_client.write_all(BAD_GATEWAY).await;
            }
        };
        if status_code(&head) == Some(407) {
            route.note(ProxyFailure {
                country: proxy.country.clone(),
                refused: true,
                detail: proxy.auth_detail().to_string(),
            });
            return to_client.write_all(BAD_GATEWAY).await;
        }
        to_client.write_all(&close_after_answer(&head)).await?;
        to_client.write_all(&rest).await?;
        tokio::io::copy(&mut from_proxy, &mut to_client).await?;
        Ok(())
    };
    tokio::select! {
        () = forward => Ok(()),
        result = backward => result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    #[test]
    fn connect_requests_name_host_and_port() {
        let target =
            parse_head("CONNECT shop.example:443 HTTP/1.1\r\nHost: shop.example:443\r\n\r\n")
                .unwrap();
        assert_eq!(
            (target.host.as_str(), target.port, target.tunnel),
            ("shop.example", 443, true)
        );
    }

    #[test]
    fn plain_http_is_rewritten_to_origin_form_and_closed_after_one_answer() {
        let head = "GET http://shop.example:8080/p?id=1 HTTP/1.1\r\nHost: shop.example:8080\r\nProxy-Connection: keep-alive\r\n\r\n";
        let target = parse_head(head).unwrap();
        assert_eq!(target.port, 8080);
        let forwarded = String::from_utf8(target.forwarded_head()).unwrap();
        assert!(
            forwarded.starts_with("GET /p?id=1 HTTP/1.1\r\n"),
            "{forwarded}"
        );
        assert!(forwarded.contains("Host: shop.example:8080\r\n"));
        assert!(!forwarded.to_ascii_lowercase().contains("proxy-connection"));
        assert!(forwarded.ends_with("Connection: close\r\n\r\n"));
    }

    #[tokio::test]
    async fn internal_addresses_are_refused_unless_allowed() {
        assert!(allowed_address("127.0.0.1", 80, false).await.is_err());
        assert!(allowed_address("localhost", 80, false).await.is_err());
        assert!(allowed_address("127.0.0.1", 80, true).await.is_ok());
    }

    #[test]
    fn requests_for_an_http_proxy_keep_the_absolute_form_and_carry_its_credentials() {
        let head = "GET http://shop.example/p HTTP/1.1\r\nHost: shop.example\r\nProxy-Authorization: Basic c3B5\r\n\r\n";
        let target = parse_head(head).unwrap();
        let sent = String::from_utf8(target.proxy_head("Proxy-Authorization: Basic b3Vycw==\r\n"))
            .unwrap();
        assert!(
            sent.starts_with("GET http://shop.example/p HTTP/1.1\r\n"),
            "{sent}"
        );
        assert!(
            sent.contains("Proxy-Authorization: Basic b3Vycw==\r\n"),
            "{sent}"
        );
        assert!(
            !sent.contains("c3B5"),
            "the page's own header is dropped: {sent}"
        );
        assert!(sent.ends_with("\r\n\r\n"));
    }

    #[test]
    fn answers_from_an_http_proxy_end_the_connection() {
        let head = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n";
        let answer = String::from_utf8(close_after_answer(head)).unwrap();
        assert_eq!(
            answer,
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\nProxy-Connection: close\r\n\r\n"
        );
    }

    #[tokio::test]
    async fn the_proxy_answers_403_for_an_internal_target() {
        let proxy = Egress::start(false, None).await.unwrap();
        let mut client = TcpStream::connect(proxy.address).await.unwrap();
        client
            .write_all(b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        client.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    }

    #[tokio::test]
    async fn internal_targets_are_refused_before_the_country_proxy_is_asked() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let upstream = listener.local_addr().unwrap();
        let asked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = asked.clone();
        tokio::spawn(async move {
            while let Ok((_socket, _)) = listener.accept().await {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        });
        let proxy = UpstreamProxy::parse(&format!("http://{upstream}")).unwrap();
        let egress = Egress::start(false, Some(proxy)).await.unwrap();
        for request in [
            "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n",
            "GET http://localhost/admin HTTP/1.1\r\nHost: localhost\r\n\r\n",
        ] {
            let mut client = TcpStream::connect(egress.address).await.unwrap();
            client.write_all(request.as_bytes()).await.unwrap();
            let mut answer = String::new();
            client.read_to_string(&mut answer).await.unwrap();
            assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
        }
        assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 0);
    }
}
